// Package admin serves the scheme admins' pages: users and the audit
// log, organisations and who may edit for them, requests from groups,
// the review queue and each listing's history, stale listings, the
// outbox of every message Linkway has sent, the live feeds, and the
// syncs and imports they start. Every
// route is for admins only; anyone else is told it does not exist.
package admin

import (
	"context"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/notify"
	"github.com/linkway/linkway/web/core"
)

// Store is what the admins' pages read and change.
type Store interface {
	// Accounts and the audit log.
	Users(ctx context.Context) ([]casework.User, error)
	UserByID(ctx context.Context, id int64) (casework.User, error)
	CreateUser(ctx context.Context, u casework.User, passwordHash string) (int64, error)
	SetUserDisabled(ctx context.Context, userID int64, disabled bool) error
	Teams(ctx context.Context) ([]casework.Team, error)
	Audit(ctx context.Context, f casework.AuditFilter) ([]casework.AuditEntry, int, error)

	// Organisations and the requests of groups to join.
	Organizations(ctx context.Context) ([]directory.Organization, error)
	Organization(ctx context.Context, id string) (*directory.Organization, error)
	// FindOrganizations returns a page of the organisations f chooses,
	// by name, and how many it chooses in all.
	FindOrganizations(ctx context.Context, f directory.OrganizationFilter) ([]directory.Organization, int, error)
	// OrganizationsNamed returns the organisations called name, in any
	// case; names may be shared.
	OrganizationsNamed(ctx context.Context, name string) ([]directory.Organization, error)
	// OrganizationNames returns every organisation's id and name only.
	OrganizationNames(ctx context.Context) ([]directory.Organization, error)
	OrganizationServiceCounts(ctx context.Context) (map[string]int, error)
	SetTrusted(ctx context.Context, orgID string, trusted bool) error
	IsTrusted(ctx context.Context, orgID string) (bool, error)
	ListingRequests(ctx context.Context, status directory.RequestStatus) ([]directory.ListingRequest, error)
	ListingRequest(ctx context.Context, id int64) (*directory.ListingRequest, error)
	ApproveListingRequest(ctx context.Context, id int64, orgID string, by int64) (string, error)
	RejectListingRequest(ctx context.Context, id int64, reason string, by int64) error

	// Listings: the review queue, versions and staleness.
	Service(ctx context.Context, id string) (*directory.Service, error)
	Reviews(ctx context.Context, status directory.ReviewStatus, orgID string) ([]directory.Review, error)
	Review(ctx context.Context, id int64) (*directory.Review, error)
	ApproveReview(ctx context.Context, id, by int64) (int, error)
	RejectReview(ctx context.Context, id, by int64, reason string) error
	ServiceVersions(ctx context.Context, serviceID string) ([]directory.Version, error)
	RestoreVersion(ctx context.Context, serviceID string, version int, by int64) (int, error)
	// SetServiceKinds publishes an admin's choice of a listing's kinds
	// of support (none: given automatically again) as a new version.
	SetServiceKinds(ctx context.Context, serviceID string, kinds []string, by int64, note string) (int, error)
	StaleServices(ctx context.Context, now time.Time, months int) ([]*directory.Service, error)

	// The outbox.
	Outbox(ctx context.Context, f notify.OutboxFilter) ([]notify.Entry, error)
	OutboxKinds(ctx context.Context) ([]string, error)
	OutboxCounts(ctx context.Context) ([]notify.OutboxCount, error)

	// Live feeds, and the jobs that sync them or import files.
	Feeds(ctx context.Context) ([]directory.Feed, error)
	Feed(ctx context.Context, name string) (directory.Feed, error)
	Job(ctx context.Context, id int64) (directory.Job, error)
}

// Invites invite people to edit for an organisation (web/orgs makes the
// links and takes them up).
type Invites interface {
	// Invite makes a single-use link for email to become an editor of
	// org and sends it. It returns the link; sendErr says the message
	// could not be sent (the admin can pass the link on), err that
	// nothing was made.
	Invite(ctx context.Context, org *directory.Organization, email, name string) (link string, sendErr, err error)
	// EmailTaken reports whether someone has an account with email.
	EmailTaken(ctx context.Context, email string) (bool, error)
}

// Deps is what the admins' pages are built from; all of it is needed.
type Deps struct {
	Site     *core.Site
	Store    Store
	Invites  Invites
	Notifier notify.Notifier
	// BaseURL starts the links put in messages, such as
	// "https://linkway.example.org".
	BaseURL string
	// Kinds are Linkway's own kinds of support (data/taxonomy.json),
	// which admins may set on a listing.
	Kinds []directory.Term
	// Jobs runs the feed syncs and imports admins start.
	Jobs Jobs
}

// Handler serves the admins' pages.
type Handler struct {
	site     *core.Site
	store    Store
	invites  Invites
	notifier notify.Notifier
	baseURL  string
	kinds    []directory.Term
	jobs     Jobs
}

// New returns the admins' pages over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("admin", d); err != nil {
		return nil, err
	}
	return &Handler{site: d.Site, store: d.Store, invites: d.Invites, notifier: d.Notifier, baseURL: d.BaseURL, kinds: d.Kinds, jobs: d.Jobs}, nil
}

// Routes registers the admins' pages under /admin on r and their API on
// api (the router for /api/v1).
func (h *Handler) Routes(r, api *mux.Router) {
	get, post := []string{http.MethodGet, http.MethodHead}, []string{http.MethodPost}
	admin := r.PathPrefix("/admin").Subrouter()
	admin.Use(h.site.RequireRole(casework.RoleAdmin))
	admin.HandleFunc("/audit", h.handleAuditPage).Methods(get...)
	admin.HandleFunc("/users", h.handleUsers).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	admin.HandleFunc("/users/{id}/disable", h.handleUserDisable).Methods(post...)
	admin.HandleFunc("/organisations", h.handleOrganisations).Methods(get...)
	admin.HandleFunc("/organisations/invite", h.handleInviteSend).Methods(post...)
	admin.HandleFunc("/organisations/{id}/trusted", h.handleTrusted).Methods(post...)
	admin.HandleFunc("/requests", h.handleRequests).Methods(get...)
	admin.HandleFunc("/requests/{id}/approve", h.handleRequestApprove).Methods(post...)
	admin.HandleFunc("/requests/{id}/reject", h.handleRequestReject).Methods(post...)
	admin.HandleFunc("/reviews", h.handleReviews).Methods(get...)
	admin.HandleFunc("/reviews/{id}", h.handleReviewShow).Methods(get...)
	admin.HandleFunc("/reviews/{id}/approve", h.handleReviewApprove).Methods(post...)
	admin.HandleFunc("/reviews/{id}/reject", h.handleReviewReject).Methods(post...)
	admin.HandleFunc("/services/{id}/history", h.handleHistory).Methods(get...)
	admin.HandleFunc("/services/{id}/restore", h.handleRestore).Methods(post...)
	admin.HandleFunc("/services/{id}/kinds", h.handleKinds).Methods(get...)
	admin.HandleFunc("/services/{id}/kinds", h.handleKindsSet).Methods(post...)
	admin.HandleFunc("/stale", h.handleStale).Methods(get...)
	admin.HandleFunc("/outbox", h.handleOutbox).Methods(get...)
	admin.HandleFunc("/feeds", h.handleFeeds).Methods(get...)
	admin.HandleFunc("/feeds/{name}/sync", h.handleFeedSync).Methods(post...)
	admin.HandleFunc("/import", h.handleImportForm).Methods(get...)
	admin.HandleFunc("/import", h.handleImport).Methods(post...)
	admin.HandleFunc("/jobs/{id}", h.handleJob).Methods(get...)

	only := func(f http.HandlerFunc) http.Handler { return h.site.RequireRole(casework.RoleAdmin)(f) }
	api.Handle("/audit", only(h.handleAPIAudit)).Methods(http.MethodGet)
	api.Handle("/jobs/{id}", only(h.handleAPIJob)).Methods(get...)
	api.Handle("/reviews/{id}/approve", only(h.handleAPIReviewApprove)).Methods(post...)
	api.Handle("/reviews/{id}/reject", only(h.handleAPIReviewReject)).Methods(post...)
}
