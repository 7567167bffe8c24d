package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/directory"
)

// TokensStore is what the tokens suite uses of a store.
type TokensStore interface {
	CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error)
	UseToken(ctx context.Context, purpose, raw string) (string, error)
	PeekToken(ctx context.Context, purpose, raw string) (string, error)
}

// Tokens tests single-use links. pair opens two handles on one new
// database, as two instances would have; two uses of a token at once
// race across them.
func Tokens[S TokensStore](t *testing.T, open Opener[S], pair func(tb testing.TB) (S, S)) {
	t.Run("SingleUseAndExpire", func(t *testing.T) {
		c := newClock()
		tokensSingleUse(t, open(t, c.now), c)
	})
	t.Run("TwoUsesAtOnceOneWins", func(t *testing.T) {
		a, b := pair(t)
		tokensRace(t, a, b)
	})
}

func tokensSingleUse(t *testing.T, st TokensStore, c *clock) {
	tok, err := st.CreateToken(ctx, "verify", "svc-1", c.t.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) < 40 {
		t.Errorf("token %q is short enough to guess", tok)
	}
	if _, err := st.UseToken(ctx, "invite", tok); directory.KindOf(err) != directory.NotFound {
		t.Errorf("token used for another purpose: %v", err)
	}
	if s, err := st.PeekToken(ctx, "verify", tok); err != nil || s != "svc-1" {
		t.Errorf("peek = %q, %v", s, err)
	}
	if s, err := st.UseToken(ctx, "verify", tok); err != nil || s != "svc-1" {
		t.Fatalf("use = %q, %v", s, err)
	}
	if _, err := st.UseToken(ctx, "verify", tok); directory.KindOf(err) != directory.Conflict {
		t.Errorf("second use: %v, want conflict", err)
	}
	if _, err := st.PeekToken(ctx, "verify", tok); directory.KindOf(err) != directory.Conflict {
		t.Errorf("peek at a used token: %v, want conflict", err)
	}
	old, _ := st.CreateToken(ctx, "verify", "svc-2", c.t.Add(time.Hour))
	c.t = c.t.Add(2 * time.Hour)
	if _, err := st.UseToken(ctx, "verify", old); directory.KindOf(err) != directory.Conflict {
		t.Errorf("expired token: %v, want conflict", err)
	}
	if _, err := st.PeekToken(ctx, "verify", old); directory.KindOf(err) != directory.Conflict {
		t.Errorf("peek at expired token: %v", err)
	}
	if _, err := st.UseToken(ctx, "verify", "made-up"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("made-up token: %v", err)
	}
	if _, err := st.PeekToken(ctx, "verify", "made-up"); directory.KindOf(err) != directory.NotFound {
		t.Errorf("peek at a made-up token: %v", err)
	}
}

// tokensRace uses each of several tokens twice at once, once through a
// and once through b: exactly one use of each wins, and the other is
// told the link was used.
func tokensRace(t *testing.T, a, b TokensStore) {
	const n = 20
	for i := range n {
		tok, err := a.CreateToken(ctx, "invite", "org-1", time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		var (
			wg   sync.WaitGroup
			wins = make(chan error, 2)
		)
		for _, st := range []TokensStore{a, b} {
			wg.Go(func() {
				_, err := st.UseToken(ctx, "invite", tok)
				wins <- err
			})
		}
		wg.Wait()
		close(wins)
		won := 0
		for err := range wins {
			switch {
			case err == nil:
				won++
			case directory.KindOf(err) != directory.Conflict:
				t.Errorf("token %d: the losing use: %v, want conflict", i, err)
			}
		}
		if won != 1 {
			t.Fatalf("token %d: %d of two uses at once won, want exactly one", i, won)
		}
	}
}
