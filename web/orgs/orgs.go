// Package orgs serves community organisations: editors keep their own
// listings up to date (quick actions publish at once, other changes wait
// for review unless the organisation is trusted) and answer the
// referrals made to them from their inbox; groups without a login use
// single-use links (answer a referral, confirm a listing is still right,
// accept an invitation to edit) and ask to look after a listing or be
// added. It also makes the invitations admins send (web/admin).
package orgs

import (
	"context"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/public"
)

// Store is what the organisations' pages read and change.
type Store interface {
	// Listings: an organisation's own, and the changes waiting for review.
	Service(ctx context.Context, id string) (*directory.Service, error)
	TaxonomyTerms(ctx context.Context) ([]directory.Term, error)
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	OrganizationServices(ctx context.Context, orgID string) ([]*directory.Service, error)
	IsTrusted(ctx context.Context, orgID string) (bool, error)
	VerifyService(ctx context.Context, id, by string, at time.Time) (*directory.Service, error)
	SubmitReview(ctx context.Context, proposed *directory.Service, by int64) (int64, error)
	Reviews(ctx context.Context, status directory.ReviewStatus, orgID string) ([]directory.Review, error)
	RejectReview(ctx context.Context, id, by int64, reason string) error
	Publish(ctx context.Context, s *directory.Service, by int64, note string) (int, error)
	CreateListingRequest(ctx context.Context, r *directory.ListingRequest) error

	// Single-use links.
	CreateToken(ctx context.Context, purpose, subject string, expires time.Time) (string, error)
	UseToken(ctx context.Context, purpose, raw string) (string, error)
	PeekToken(ctx context.Context, purpose, raw string) (string, error)

	// Referrals made to an organisation (changed through the casework
	// workflows), and the audit of what its inbox shows.
	Referral(ctx context.Context, id string) (*casework.Referral, error)
	// AppendAudits records, with one write, the reads of several people's
	// details that one answer shows.
	AppendAudits(ctx context.Context, entries []casework.AuditEntry) error

	// Accounts: invitations make editors; admins are told of requests.
	UserByEmail(ctx context.Context, email string) (casework.User, string, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	Users(ctx context.Context) ([]casework.User, error)
}

// Deps is what the organisations' pages are built from; all of it is
// needed.
type Deps struct {
	Site   *core.Site
	Store  Store
	Places public.Places
	// Work moves referrals as the organisation answers them and says
	// what it may see of the person.
	Work     *casework.Workflow
	Notifier notify.Notifier
	// BaseURL starts the links put in messages, such as
	// "https://linkway.example.org".
	BaseURL string
	// Limiters makes the limit on listing requests per client address
	// (default [core.MemoryLimiters]).
	Limiters core.Limiters
}

// Handler serves the organisations' pages.
type Handler struct {
	site     *core.Site
	store    Store
	places   public.Places
	work     *casework.Workflow
	notifier notify.Notifier
	baseURL  string
	// requestLimiter counts public listing requests per client address.
	requestLimiter core.RateLimiter
}

// New returns the organisations' pages over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("orgs", d, "Limiters"); err != nil {
		return nil, err
	}
	limiters := d.Limiters
	if limiters == nil {
		limiters = core.MemoryLimiters
	}
	return &Handler{site: d.Site, store: d.Store, places: d.Places, work: d.Work, notifier: d.Notifier, baseURL: d.BaseURL,
		requestLimiter: limiters("listing-request", listingRequests, listingRequestWindow)}, nil
}

// Routes registers the organisations' pages on r and their API on api
// (the router for /api/v1). POST /api/v1/referrals/{id}/status is
// shared with link workers, so web routes an editor's to
// [Handler.HandleReferralAnswer].
func (h *Handler) Routes(r, api *mux.Router) {
	get, post := []string{http.MethodGet, http.MethodHead}, []string{http.MethodPost}
	both := append(get, http.MethodPost)
	editor := func(f http.HandlerFunc) http.Handler { return h.site.RequireRole(casework.RoleEditor)(f) }
	r.Handle("/org", editor(h.handleOrgHome)).Methods(get...)
	r.Handle("/org/services/{id}/edit", editor(h.handleListingEdit)).Methods(both...)
	r.Handle("/org/services/{id}/verify", editor(h.handleListingVerify)).Methods(post...)
	r.Handle("/org/services/{id}/status", editor(h.handleListingStatus)).Methods(post...)
	r.Handle("/org/services/{id}/capacity", editor(h.handleListingCapacity)).Methods(post...)
	r.Handle("/org/inbox", editor(h.handleInbox)).Methods(get...)
	r.Handle("/org/referrals/{id}", editor(h.handleInboxReferral)).Methods(both...)
	api.Handle("/inbox", editor(h.handleAPIInbox)).Methods(http.MethodGet)
	// Editors change their organisation's listings here, admins any.
	api.Handle("/services/{id}", h.site.RequireUser(http.HandlerFunc(h.handleAPIServicePut))).Methods(http.MethodPut)
	api.Handle("/services/{id}/verify", h.site.RequireUser(http.HandlerFunc(h.handleAPIServiceVerify))).Methods(post...)

	// No login: the token in the link is the permission.
	r.HandleFunc("/answer/{token}", h.handleAnswerLink).Methods(both...)
	r.HandleFunc("/verify/{token}", h.handleVerify).Methods(both...)
	r.HandleFunc("/invite/{token}", h.handleInviteAccept).Methods(both...)
	// Groups without an account ask for one.
	r.HandleFunc("/organisations/request", h.handleRequestForm).Methods(both...)
	r.HandleFunc("/organisations/request/sent", h.handleRequestSent).Methods(get...)
}
