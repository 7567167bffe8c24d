package cases

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// responsiveness is how an organisation answers the referrals made to
// one of its services, for link workers choosing where to refer.
type responsiveness struct {
	Counted    int // referrals it has had the time to answer
	Answered   int
	Accepted   int
	MedianDays int // from referral to first answer, rounded up
}

// orgAnswers are the statuses that answer a referral.
var orgAnswers = []casework.ReferralStatus{casework.RefAccepted, casework.RefDeclined, casework.RefWaitingList}

// responsivenessOf sums up referrals to one service as of now. A
// referral counts once answered, or once its wait passes
// [casework.AwaitingResponseDays] working days unanswered; one still
// within its time, or withdrawn before any answer, says nothing about
// the organisation.
func responsivenessOf(refs []*casework.Referral, now time.Time, holidays map[string]bool) responsiveness {
	var res responsiveness
	var days []float64
	for _, ref := range refs {
		if ref.Mode != casework.ModeReferral {
			continue
		}
		i := slices.IndexFunc(ref.History, func(e casework.ReferralEvent) bool { return slices.Contains(orgAnswers, e.To) })
		switch {
		case i >= 0:
			res.Counted++
			res.Answered++
			days = append(days, ref.History[i].At.Sub(ref.CreatedAt).Hours()/24)
		case casework.AwaitingResponse(*ref, now, holidays):
			res.Counted++
		}
		if slices.ContainsFunc(ref.History, func(e casework.ReferralEvent) bool { return e.To == casework.RefAccepted }) {
			res.Accepted++
		}
	}
	if n := len(days); n > 0 {
		sort.Float64s(days)
		median := days[n/2]
		if n%2 == 0 {
			median = (days[n/2-1] + days[n/2]) / 2
		}
		res.MedianDays = max(1, int(math.Ceil(median)))
	}
	return res
}

// Text says it in a sentence, or "" when there are too few referrals
// ([casework.SmallNumber]) to say anything fair.
func (res responsiveness) Text() string {
	switch {
	case res.Counted < casework.SmallNumber:
		return ""
	case res.Answered == 0:
		return fmt.Sprintf("No answer yet to any of %d referrals.", res.Counted)
	}
	return fmt.Sprintf("Usually replies within %s; %d of %d referrals accepted.", core.Pluralise(res.MedianDays, "day", "days"), res.Accepted, res.Counted)
}

// ForService is the responsiveness sentence for a service, for a
// logged-in link worker only; "" for anyone else or too few referrals.
func (h *Handler) ForService(r *http.Request, serviceID string) (string, error) {
	if _, err := h.caseworker(r); err != nil {
		return "", nil
	}
	refs, err := h.store.ReferralsToServices(r.Context(), []string{serviceID})
	if err != nil {
		return "", err
	}
	return responsivenessOf(refs, h.site.LocalNow(), h.work.Holidays).Text(), nil
}
