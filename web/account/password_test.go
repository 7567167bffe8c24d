package account

import (
	"context"
	"strings"
	"testing"

	"github.com/linkway/linkway/directory"
)

func TestHashPassword(t *testing.T) {
	if _, err := HashPassword("short pw 11"); directory.KindOf(err) != directory.Invalid || !strings.Contains(err.Error(), "at least 12 characters") {
		t.Errorf("HashPassword(11 characters) error = %v, want Invalid, at least 12 characters", err)
	}
	h, err := HashPassword("twelve chars")
	if err != nil || !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("HashPassword = %q, %v; want an argon2id hash", h, err)
	}
	s := &Handler{hashSlots: make(chan struct{}, 1)}
	if ok, err := s.checkPassword(context.Background(), "twelve chars", h); !ok || err != nil {
		t.Errorf("checkPassword(right) = %v, %v", ok, err)
	}
	if ok, err := s.checkPassword(context.Background(), "twelve chars!", h); ok || err != nil {
		t.Errorf("checkPassword(wrong) = %v, %v", ok, err)
	}
	if ok, err := s.checkPassword(context.Background(), "anything at all", ""); ok || err != nil {
		t.Errorf("checkPassword(no account) = %v, %v; want false, nil", ok, err)
	}
}
