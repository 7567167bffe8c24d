package cases

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/public"
)

// Casework pages. Every one is behind a login, answers "not found" to
// anyone outside the person's team, audits each read and write of a
// person's record, and is never cached.

func personURL(id string) string { return "/casework/people/" + core.PathEscape(id) }

// ---- dashboard ----

type dashboardPage struct {
	User        *casework.User
	Active      int
	NoContact   []casework.PersonSummary
	ReviewsDue  []casework.PersonSummary
	Awaiting    []referralRow
	Recent      []activityRow
	UsualMin    int
	UsualMax    int
	WeeksNoSeen int
}

type referralRow struct {
	Ref        *casework.Referral
	PersonName string
	PersonURL  string
	Since      time.Time
}

type activityRow struct {
	At         time.Time
	PersonName string
	PersonURL  string
	What       string
}

// noContactDays is how long without a contact puts a person on the
// dashboard.
const noContactDays = 28

func (h *Handler) handleDashboard(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	ctx := r.Context()
	now := h.site.LocalNow()
	open := []casework.Status{casework.StatusNew, casework.StatusActive, casework.StatusOnHold}
	mine, err := h.store.People(ctx, casework.PeopleFilter{TeamID: u.TeamID, LinkWorker: u.ID, Statuses: open})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := dashboardPage{User: u, Active: len(mine), WeeksNoSeen: noContactDays / 7}
	names := map[string]string{}
	for _, p := range mine {
		names[p.ID] = p.Name
		last := p.LastContact
		if last.IsZero() {
			last = p.CreatedAt
		}
		if now.Sub(last) > noContactDays*24*time.Hour && p.Status != casework.StatusOnHold {
			data.NoContact = append(data.NoContact, p)
		}
		if rd := p.Plan.ReviewDate; !rd.IsZero() && !rd.After(now.AddDate(0, 0, 7)) {
			data.ReviewsDue = append(data.ReviewsDue, p)
		}
	}
	refs, err := h.store.Referrals(ctx, casework.ReferralFilter{TeamID: u.TeamID})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	for _, ref := range refs {
		name, ok := names[ref.PersonID]
		if !ok {
			continue // someone else's caseload
		}
		if h.overdue(ref) {
			data.Awaiting = append(data.Awaiting, referralRow{Ref: ref, PersonName: name, PersonURL: personURL(ref.PersonID), Since: ref.UpdatedAt})
		}
	}
	if data.Recent, err = h.recentActivity(r, u, names); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "dashboard", "Your caseload", data)
}

// activityText says in words what an audited change was.
var activityText = map[string]string{
	"person.create":   "record added",
	"person.update":   "record changed",
	"contact.create":  "contact recorded",
	"outcome.create":  "wellbeing scores recorded",
	"referral.create": "referred or signposted",
	"referral.status": "referral updated",
}

// recentActivity is the user's own latest changes to their caseload, read
// from the audit log: it already says who changed what and when.
func (h *Handler) recentActivity(r *http.Request, u *casework.User, names map[string]string) ([]activityRow, error) {
	entries, _, err := h.store.Audit(r.Context(), casework.AuditFilter{UserID: u.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []activityRow
	for _, e := range entries {
		what, ok := activityText[e.Action]
		name, mine := names[e.PersonID]
		if !ok || !mine {
			continue
		}
		if e.Action == "outcome.create" && e.Detail != "" {
			what += " (" + e.Detail + ")"
		}
		out = append(out, activityRow{At: e.At.In(h.site.Zone()), PersonName: name, PersonURL: personURL(e.PersonID), What: what})
		if len(out) == 10 {
			break
		}
	}
	return out, nil
}

// ---- a person's record: new and edit ----

type personFormPage struct {
	Action string
	Form   personInput
	Status string
	Reason string
	DOB    core.DateField // the date of birth as typed into its boxes
	Review core.DateField
	// ReviewHint gives an example review date, next year's so it is one
	// a person could choose.
	ReviewHint string
	Goals      string
	Actions    []actionRow
	Workers    []core.Option // the team's link workers, to assign the person to
	Worker     string
	Errors     []core.FormError
	Access     []core.Option
	Kinds      []core.Option
	Statuses   []core.Option
	Sources    []core.Option
	Contacts   []core.Option
	Editing    bool
}

// actionRow is one agreed action in the plan form.
type actionRow struct {
	Index            int
	Text, Owner, Due string
	Done             bool
}

// blankActions is how many empty action rows the plan form offers.
const blankActions = 3

func actionRowsOf(actions []casework.Action) []actionRow {
	var rows []actionRow
	for i, a := range actions {
		rows = append(rows, actionRow{Index: i, Text: a.Text, Owner: a.Owner, Due: core.TypedDate(a.Due), Done: a.Done})
	}
	return withBlankRows(rows)
}

func withBlankRows(rows []actionRow) []actionRow {
	for i := 0; i < blankActions; i++ {
		rows = append(rows, actionRow{Index: len(rows)})
	}
	return rows
}

// actionsFormOf reads the action rows; rows left empty are dropped.
func actionsFormOf(r *http.Request) []actionRow {
	f := r.PostForm
	texts, owners, dues := f["action_text"], f["action_owner"], f["action_due"]
	var rows []actionRow
	for i, text := range texts {
		row := actionRow{Index: len(rows), Text: strings.TrimSpace(text)}
		if i < len(owners) {
			row.Owner = strings.TrimSpace(owners[i])
		}
		if i < len(dues) {
			row.Due = strings.TrimSpace(dues[i])
		}
		row.Done = slices.Contains(f["action_done"], strconv.Itoa(i))
		if row.Text != "" || row.Owner != "" || row.Due != "" {
			rows = append(rows, row)
		}
	}
	return rows
}

// personFormOf reads the person form, and its date of birth boxes as
// typed. A date of birth the boxes do not make is left out of the input,
// and its error returned, so the rest of the form is still checked.
func personFormOf(r *http.Request) (personInput, core.DateField, error) {
	f := r.PostForm
	dobBoxes, dob, dobErr := core.FormDate(r, "date_of_birth")
	in := personInput{
		Name: f.Get("name"), DateOfBirth: day(dob), NHSNumber: f.Get("nhs_number"), Postcode: f.Get("postcode"),
		Phone: f.Get("phone"), Email: f.Get("email"), Address: f.Get("address"), PreferredContact: f.Get("preferred_contact"),
		Language: f.Get("language"), Interpreter: f.Get("interpreter") == "true", AccessNeeds: f["access_needs"],
		Practice: f.Get("practice"), ReferralSource: f.Get("referral_source"), ReferralReason: f.Get("referral_reason"),
		Priorities: f.Get("priorities"), Needs: f["needs"], Strengths: f.Get("strengths"), Notes: f.Get("notes"),
	}
	in.Consent.Hold, in.Consent.Share = f.Get("consent_hold") == "true", f.Get("consent_share") == "true"
	return in, dobBoxes, dobErr
}

// dateErrorsFirst lists a form's problems: what its date boxes could not
// read first, then the record's own, leaving out the record's complaint
// about a date (that it is required) the boxes have already explained.
func dateErrorsFirst(recordErr error, dateErrs ...error) []core.FormError {
	var out []core.FormError
	explained := map[string]bool{}
	for _, err := range dateErrs {
		if err == nil {
			continue
		}
		for _, fe := range core.FormErrorsOf(err) {
			out = append(out, fe)
			explained[core.DateOwner(fe.Field)] = true
		}
	}
	if recordErr == nil {
		return out
	}
	for _, fe := range core.FormErrorsOf(recordErr) {
		if !explained[fe.Field] {
			out = append(out, fe)
		}
	}
	return out
}

func inputOf(p *casework.Person) personInput {
	in := personInput{
		Name: p.Name, DateOfBirth: day(p.DateOfBirth), NHSNumber: p.NHSNumber, Postcode: p.Postcode,
		Phone: p.Phone, Email: p.Email, Address: p.Address, PreferredContact: p.PreferredContact,
		Language: p.Language, Interpreter: p.Interpreter, AccessNeeds: p.AccessNeeds,
		Practice: p.Practice, ReferralSource: p.ReferralSource, ReferralReason: p.ReferralReason,
		Priorities: p.WhatMatters.Priorities, Needs: p.WhatMatters.Needs, Strengths: p.WhatMatters.Strengths, Notes: p.WhatMatters.Notes,
	}
	in.Consent.Hold, in.Consent.Share = p.Consent.Hold, p.Consent.Share
	return in
}

func (h *Handler) fillPersonForm(r *http.Request, d *personFormPage) {
	d.ReviewHint = fmt.Sprintf("For example, 27 3 %d", h.site.LocalNow().Year()+1)
	for _, a := range core.AccessOptions {
		a.Selected = slices.Contains(d.Form.AccessNeeds, a.Value)
		d.Access = append(d.Access, a)
	}
	if terms, err := h.store.TaxonomyTerms(r.Context()); err == nil {
		for _, t := range terms {
			d.Kinds = append(d.Kinds, core.Option{Value: t.ID, Label: t.Name, Selected: slices.Contains(d.Form.Needs, t.ID)})
		}
	}
	for _, st := range []casework.Status{casework.StatusNew, casework.StatusActive, casework.StatusOnHold, casework.StatusDischarged} {
		d.Statuses = append(d.Statuses, core.Option{Value: string(st), Label: core.StatusLabel(st), Selected: d.Status == string(st)})
	}
	for _, o := range []struct{ v, l string }{{"gp", "GP practice"}, {"self", "Self-referral"}, {"agency", "Another agency"}, {"other", "Other"}} {
		d.Sources = append(d.Sources, core.Option{Value: o.v, Label: o.l, Selected: d.Form.ReferralSource == o.v})
	}
	for _, way := range casework.PreferredContacts {
		d.Contacts = append(d.Contacts, core.Option{Value: way, Label: casework.PreferredContactLabel(way), Selected: d.Form.PreferredContact == way})
	}
}

func (h *Handler) handlePersonNew(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := personFormPage{Action: "/casework/people/new"}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		var dobErr error
		data.Form, data.DOB, dobErr = personFormOf(r)
		p := &casework.Person{TeamID: u.TeamID, LinkWorker: u.ID, Status: casework.StatusNew}
		err := data.Form.apply(p, u, h.site.LocalNow())
		if err == nil && dobErr == nil {
			err = h.work.CreatePerson(r.Context(), core.Who(r), p)
		}
		if err == nil && dobErr == nil {
			core.SeeOther(w, r, personURL(p.ID))
			return
		}
		if err != nil && directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		status, data.Errors = http.StatusBadRequest, dateErrorsFirst(err, dobErr)
	}
	h.fillPersonForm(r, &data)
	h.site.RenderPrivate(w, r, status, "personform", core.ErrorTitle("Add a person", data.Errors), data)
}

func (h *Handler) handlePersonEdit(w http.ResponseWriter, r *http.Request) {
	p, u, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := personFormPage{Action: personURL(p.ID) + "/edit", Editing: true, Form: inputOf(p), Status: string(p.Status),
		DOB: core.DateFieldOf(p.DateOfBirth), Reason: p.DischargeReason, Review: core.DateFieldOf(p.Plan.ReviewDate), Goals: strings.Join(p.Plan.Goals, "\n"), Actions: actionRowsOf(p.Plan.Actions),
		Worker: strconv.FormatInt(p.LinkWorker, 10)}
	team, err := h.teamWorkers(r, p.TeamID)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		f := r.PostForm
		var dobErr, reviewErr error
		var review time.Time
		data.Form, data.DOB, dobErr = personFormOf(r)
		data.Review, review, reviewErr = core.FormDate(r, "review_date")
		data.Status, data.Reason, data.Goals = f.Get("status"), f.Get("discharge_reason"), f.Get("goals")
		data.Actions = actionsFormOf(r)
		data.Worker = f.Get("link_worker")
		updated := *p
		err := data.Form.apply(&updated, u, h.site.LocalNow())
		if err == nil {
			err = applyStatusAndPlan(&updated, data, review, h.site.LocalNow())
		}
		if err == nil && data.Worker != "" {
			updated.LinkWorker, err = assignee(data.Worker, team)
		}
		if err == nil && dobErr == nil && reviewErr == nil {
			err = h.work.UpdatePerson(r.Context(), core.Who(r), &updated)
		}
		if err == nil && dobErr == nil && reviewErr == nil {
			core.SeeOther(w, r, personURL(p.ID))
			return
		}
		if err != nil && directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		status, data.Errors = http.StatusBadRequest, dateErrorsFirst(err, dobErr, reviewErr)
	} else {
		if err := h.site.Audit(r, "person.read", p.ID, "edit form"); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	for _, tw := range team {
		id := strconv.FormatInt(tw.ID, 10)
		data.Workers = append(data.Workers, core.Option{Value: id, Label: tw.Name, Selected: data.Worker == id})
	}
	h.fillPersonForm(r, &data)
	h.site.RenderPrivate(w, r, status, "personform", core.ErrorTitle("Change "+p.Name+"’s record", data.Errors), data)
}

// teamWorkers lists the people in a team who may hold a caseload.
func (h *Handler) teamWorkers(r *http.Request, teamID string) ([]casework.User, error) {
	users, err := h.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	var out []casework.User
	for _, u := range users {
		if u.TeamID == teamID && !u.Disabled && (u.Role == casework.RoleLinkWorker || u.Role == casework.RoleAdmin) {
			out = append(out, u)
		}
	}
	return out, nil
}

// assignee reads the chosen link worker, who must be in the team.
func assignee(v string, team []casework.User) (int64, error) {
	id, _ := strconv.ParseInt(v, 10, 64)
	for _, u := range team {
		if u.ID == id {
			return id, nil
		}
	}
	return 0, directory.Errorf(directory.Invalid, "link_worker: choose a link worker in the team")
}

// applyStatusAndPlan copies the edit form's status, review date and goals.
func applyStatusAndPlan(p *casework.Person, d personFormPage, review, now time.Time) error {
	st := casework.Status(d.Status)
	if st == casework.StatusDischarged && p.Status != casework.StatusDischarged {
		p.DischargedAt = directory.Day(now)
	}
	if st != casework.StatusDischarged {
		p.DischargedAt, p.DischargeReason = time.Time{}, ""
	} else {
		p.DischargeReason = strings.TrimSpace(d.Reason)
	}
	p.Status = st
	p.Plan.ReviewDate = review
	p.Plan.Actions = nil
	for i, a := range d.Actions {
		due, err := casework.ParseDate(fmt.Sprintf("plan.actions[%d].due", i), a.Due)
		if err != nil {
			return err
		}
		p.Plan.Actions = append(p.Plan.Actions, casework.Action{Text: a.Text, Owner: a.Owner, Due: due, Done: a.Done})
	}
	p.Plan.Goals = nil
	for _, g := range strings.Split(d.Goals, "\n") {
		if g = strings.TrimSpace(g); g != "" {
			p.Plan.Goals = append(p.Plan.Goals, g)
		}
	}
	return p.Plan.Validate()
}

// ---- a person's page ----

type personPage struct {
	*personRecord
	Age          int
	ContactCount int
	UsualMin     int
	UsualMax     int
	Chart        template.HTML
	Latest       *casework.ONS4
	Changes      []scoreChange // first to latest wellbeing scores, in words
	Kinds        []core.Option
	ContactKinds []core.Option
	Stages       []core.Option
	Referrals    []referralView
	Errors       []core.FormError
	Flash        string
	Warnings     []string       // about the service just referred to
	Today        core.DateField // the contact and wellbeing forms' date, until changed
	DateHint     string         // an example date for them, last year's so it is past
	Consent      string
	Worker       string // the assigned link worker's name
}

type referralView struct {
	*casework.Referral
	Next    []core.Option
	Waiting bool
}

func (h *Handler) handlePersonShow(w http.ResponseWriter, r *http.Request) {
	p, _, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.showPerson(w, r, p, http.StatusOK, nil)
}

func (h *Handler) showPerson(w http.ResponseWriter, r *http.Request, p *casework.Person, status int, errs []core.FormError) {
	rec, err := h.loadRecord(r.Context(), p)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	now := h.site.LocalNow()
	data := personPage{personRecord: rec, Age: ageOn(p.DateOfBirth, now), ContactCount: len(rec.Contacts),
		UsualMin: casework.UsualContactsMin, UsualMax: casework.UsualContactsMax, Chart: ons4Chart(rec.Outcomes),
		Errors: errs, Flash: r.URL.Query().Get("done"), Today: core.DateFieldOf(now),
		DateHint: fmt.Sprintf("For example, 27 3 %d", now.Year()-1)}
	if n := len(rec.Outcomes); n > 0 {
		data.Latest = &rec.Outcomes[n-1]
		if n > 1 {
			data.Changes = scoreChanges(rec.Outcomes[0], rec.Outcomes[n-1])
		}
	}
	for _, k := range casework.ContactKinds {
		data.ContactKinds = append(data.ContactKinds, core.Option{Value: string(k), Label: core.ContactKindLabel(k)})
	}
	for _, st := range []casework.Stage{casework.StageStart, casework.StageReview, casework.StageDischarge} {
		data.Stages = append(data.Stages, core.Option{Value: string(st), Label: strings.ToUpper(string(st[:1])) + string(st[1:])})
	}
	for _, ref := range rec.Referrals {
		v := referralView{Referral: ref, Waiting: h.overdue(ref)}
		for _, st := range casework.NextStatuses(ref.Status, casework.ActorLinkWorker) {
			v.Next = append(v.Next, core.Option{Value: string(st), Label: st.Label()})
		}
		data.Referrals = append(data.Referrals, v)
	}
	if data.Warnings, err = h.referralWarnings(r, rec.Referrals); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data.Consent = consentText(p.Consent)
	if p.LinkWorker != 0 {
		if lw, err := h.store.UserByID(r.Context(), p.LinkWorker); err == nil {
			data.Worker = lw.Name
		}
	}
	if err := h.site.Audit(r, "person.read", p.ID, "page"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "person", core.ErrorTitle(p.Name, errs), data)
}

// referralWarnings are the warnings about the service of the referral
// just made, named by the "referral" query parameter, if it is one of
// refs.
func (h *Handler) referralWarnings(r *http.Request, refs []*casework.Referral) ([]string, error) {
	id := r.URL.Query().Get("referral")
	i := slices.IndexFunc(refs, func(ref *casework.Referral) bool { return ref.ID == id })
	if id == "" || i < 0 {
		return nil, nil
	}
	svc, err := h.store.Service(r.Context(), refs[i].ServiceID)
	if directory.KindOf(err) == directory.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return casework.ReferralWarnings(svc), nil
}

// scoreChange is one wellbeing question's change from the first scores
// to the latest.
type scoreChange struct {
	Label    string
	From, To int
	Band     string // the ONS band of the latest score
	Text     string // "up 3", "down 2", "no change"
	Better   bool
}

func scoreChanges(first, last casework.ONS4) []scoreChange {
	diff := casework.Change(first, last)
	var out []scoreChange
	for _, q := range casework.Questions {
		c := scoreChange{Label: q.Label, From: first.Score(q.Key), To: last.Score(q.Key), Band: casework.Band(q.Key, last.Score(q.Key))}
		d := diff[q.Key]
		switch {
		case d > 0:
			c.Text = fmt.Sprintf("up %d", d)
		case d < 0:
			c.Text = fmt.Sprintf("down %d", -d)
		default:
			c.Text = "no change"
		}
		c.Better = d > 0 && !q.LowerIsBetter || d < 0 && q.LowerIsBetter
		out = append(out, c)
	}
	return out
}

func consentText(c casework.Consent) string {
	switch {
	case c.Hold && c.Share:
		return "Agreed to us holding their record and to sharing their details with services they are referred to."
	case c.Hold:
		return "Agreed to us holding their record. Not to sharing: referrals go without their details."
	}
	return "No consent recorded."
}

func ageOn(dob, now time.Time) int {
	age := now.Year() - dob.Year()
	if now.YearDay() < dob.YearDay() {
		age--
	}
	return age
}

// postedPerson loads the person named in the path and reads the posted
// form, showing the error page itself and answering false when either fails.
func (h *Handler) postedPerson(w http.ResponseWriter, r *http.Request) (*casework.Person, *casework.User, bool) {
	p, u, err := h.personFor(r, core.PathVar(r, "id"))
	if err == nil {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return nil, nil, false
	}
	return p, u, true
}

func (h *Handler) handleContactAdd(w http.ResponseWriter, r *http.Request) {
	p, u, ok := h.postedPerson(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	_, date, err := core.FormDate(r, "date")
	if err != nil {
		h.formFailed(w, r, p, err)
		return
	}
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	in := contactInput{Date: day(date), Kind: f.Get("kind"), Minutes: minutes, Notes: f.Get("notes"), Declined: f.Get("declined") == "true"}
	c, err := in.contact(p.ID, u.ID, h.site.LocalNow())
	if err == nil {
		_, err = h.work.RecordContact(r.Context(), core.Who(r), p, c)
	}
	if err != nil {
		h.formFailed(w, r, p, err)
		return
	}
	core.SeeOther(w, r, personURL(p.ID)+"?done=contact#contacts")
}

// formFailed shows the person's page again with the form's problems, or
// the error page for anything that is not the form's fault.
func (h *Handler) formFailed(w http.ResponseWriter, r *http.Request, p *casework.Person, err error) {
	if k := directory.KindOf(err); k != directory.Invalid && k != directory.Conflict {
		h.site.Fail(w, r, err)
		return
	}
	status := http.StatusBadRequest
	if directory.KindOf(err) == directory.Conflict {
		status = http.StatusConflict
	}
	h.showPerson(w, r, p, status, core.FormErrorsOf(err))
}

func (h *Handler) handleOutcomeAdd(w http.ResponseWriter, r *http.Request) {
	p, u, ok := h.postedPerson(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	score := func(name string) *int {
		v, err := strconv.Atoi(strings.TrimSpace(f.Get(name)))
		if err != nil {
			return nil
		}
		return &v
	}
	_, date, err := core.FormDate(r, "date")
	if err != nil {
		h.formFailed(w, r, p, err)
		return
	}
	in := outcomeInput{Date: day(date), Stage: f.Get("stage"), Life: score("life_satisfaction"), Worthwhile: score("worthwhile"), Happy: score("happy"), Anxious: score("anxious")}
	o, err := in.outcome(p.ID, u.ID, h.site.LocalNow())
	if err == nil {
		err = h.work.AddOutcome(r.Context(), core.Who(r), o)
	}
	if err != nil {
		h.formFailed(w, r, p, err)
		return
	}
	core.SeeOther(w, r, personURL(p.ID)+"?done=wellbeing#wellbeing")
}

func (h *Handler) handleReferralAdd(w http.ResponseWriter, r *http.Request) {
	p, _, ok := h.postedPerson(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	in := referralInput{ServiceID: f.Get("service_id"), Mode: f.Get("mode"), Note: f.Get("note"), ConfirmDuplicate: f.Get("confirm_duplicate") == "true"}
	made, err := h.refer(r, p, in)
	if dup := (*casework.DuplicateReferral)(nil); errors.As(err, &dup) {
		h.confirmDuplicate(w, r, p, in, dup.Existing)
		return
	}
	if err != nil {
		h.formFailed(w, r, p, err)
		return
	}
	to := personURL(p.ID) + "?done=" + url.QueryEscape(f.Get("mode"))
	if len(made.Warnings) > 0 {
		// The warnings are about the service, not the person, so they may
		// ride in the address to the page that shows them.
		to += "&referral=" + url.QueryEscape(made.Referral.ID)
	}
	core.SeeOther(w, r, to+"#referrals")
}

// confirmPage asks the link worker whether to refer the person again to
// a service they already have an open referral to.
type confirmPage struct {
	Person   *casework.Person
	Existing *casework.Referral
	Form     referralInput
}

// confirmDuplicate answers a refused second referral with the question,
// as 409: nothing was made. Saying yes posts the same referral, note
// included, with confirm_duplicate.
func (h *Handler) confirmDuplicate(w http.ResponseWriter, r *http.Request, p *casework.Person, in referralInput, existing *casework.Referral) {
	if err := h.site.Audit(r, "person.read", p.ID, "refer again"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusConflict, "referconfirm", "Refer "+p.Name+" again?", confirmPage{Person: p, Existing: existing, Form: in})
}

func (h *Handler) handleReferralMove(w http.ResponseWriter, r *http.Request) {
	ref, _, err := h.referralFor(r, core.PathVar(r, "id"))
	if err == nil {
		err = core.ParseForm(w, r)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.work.MoveReferral(r.Context(), core.Who(r), ref, casework.ActorLinkWorker, r.PostForm.Get("status"), r.PostForm.Get("note")); err != nil {
		p, perr := h.store.Person(r.Context(), ref.PersonID)
		if perr != nil {
			h.site.Fail(w, r, perr)
			return
		}
		h.formFailed(w, r, p, err)
		return
	}
	core.SeeOther(w, r, personURL(ref.PersonID)+"?done=status#referrals")
}

// ---- Find support for a person ----

// handlePersonFindSupport runs the matcher pre-filled from the person's
// record; the link worker can change anything before searching again,
// and refer or signpost from the results.
func (h *Handler) handlePersonFindSupport(w http.ResponseWriter, r *http.Request) {
	p, _, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := public.FindSupportPage{PersonID: p.ID, PersonName: p.Name, Action: personURL(p.ID) + "/find-support"}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		if err := core.ParseForm(w, r); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		data.Form = public.FindSupportFormOf(r)
	} else {
		data.Form = public.FindSupportForm{Priorities: p.WhatMatters.Priorities, Postcode: p.Postcode, Language: p.Language,
			Access: p.AccessNeeds, Needs: p.WhatMatters.Needs, Age: strconv.Itoa(ageOn(p.DateOfBirth, h.site.LocalNow()))}
	}
	if strings.TrimSpace(data.Form.Priorities) != "" {
		if status, err = h.finder.Run(r.Context(), &data); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		if data.Responsiveness, err = h.responsivenessOfMatches(r, data.ServiceIDs()); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		if data.Earlier, err = h.earlierReferrals(r, p); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	h.finder.Fill(r, &data)
	data.TileURL = h.tileURL
	if err := h.site.Audit(r, "person.read", p.ID, "find support"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, status, "findsupport", "Find support for "+p.Name, data)
}

// earlierReferrals says, per service id, what p was already referred or
// signposted to, so that Find support can mark those services.
func (h *Handler) earlierReferrals(r *http.Request, p *casework.Person) (map[string]*public.Earlier, error) {
	refs, err := h.store.Referrals(r.Context(), casework.ReferralFilter{PersonID: p.ID})
	if err != nil {
		return nil, err
	}
	zone := h.site.Zone()
	out := map[string]*public.Earlier{}
	for _, ref := range refs {
		e := out[ref.ServiceID]
		if e == nil {
			e = &public.Earlier{}
			out[ref.ServiceID] = e
		}
		e.Lines = append(e.Lines, earlierLine(ref, zone))
		e.Open = e.Open || ref.OpenReferral()
	}
	return out, nil
}

// earlierLine is ref in a few words: "Referred 3 March 2026 — now:
// accepted".
func earlierLine(ref *casework.Referral, zone *time.Location) string {
	made := "Referred"
	if ref.Mode == casework.ModeSignpost {
		made = "Signposted"
	}
	return made + " " + ref.CreatedAt.In(zone).Format("2 January 2006") + " — now: " + ref.Status.Label()
}

// responsivenessOfMatches says how each suggested service's organisation
// answers referrals, where there are enough referrals to say.
func (h *Handler) responsivenessOfMatches(r *http.Request, ids []string) (map[string]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	refs, err := h.store.ReferralsToServices(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	byService := map[string][]*casework.Referral{}
	for _, ref := range refs {
		byService[ref.ServiceID] = append(byService[ref.ServiceID], ref)
	}
	out := map[string]string{}
	for id, list := range byService {
		if text := responsivenessOf(list, h.site.LocalNow(), h.work.Holidays).Text(); text != "" {
			out[id] = text
		}
	}
	return out, nil
}

// ---- the printable summary for the person ----

type summaryPage struct {
	Person   *casework.Person
	Services []public.ServiceView
	Today    string
	// Worker is who the person can call about it: their assigned link
	// worker, or whoever made the summary when none is assigned yet.
	Worker casework.User
}

// summaryWorker is the link worker a summary names: the person's own,
// else the user making it (a link worker of their team).
func (h *Handler) summaryWorker(r *http.Request, p *casework.Person) casework.User {
	if p.LinkWorker != 0 {
		if lw, err := h.store.UserByID(r.Context(), p.LinkWorker); err == nil && !lw.Disabled {
			return lw
		}
	}
	return *core.CurrentUser(r)
}

// handleSummary is a one-page, plain-language list of the services the
// person was signposted or referred to, to print or save for them.
func (h *Handler) handleSummary(w http.ResponseWriter, r *http.Request) {
	p, _, err := h.personFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	refs, err := h.store.Referrals(r.Context(), casework.ReferralFilter{PersonID: p.ID})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	var ids []string
	for _, ref := range refs {
		if !ref.Status.Final() || ref.Status == casework.RefCompleted {
			ids = append(ids, ref.ServiceID)
		}
	}
	svcs, err := h.store.ServicesByID(r.Context(), ids)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := summaryPage{Person: p, Today: h.site.LocalNow().Format("2 January 2006"), Worker: h.summaryWorker(r, p)}
	seen := map[string]bool{}
	for _, id := range ids {
		if svc, ok := svcs[id]; ok && !seen[id] {
			seen[id] = true
			data.Services = append(data.Services, public.NewServiceView(svc, h.site.LocalNow(), h.site.BankHoliday))
			if err := h.auditConfidential(r, p.ID, svc); err != nil {
				h.site.Fail(w, r, err)
				return
			}
		}
	}
	if err := h.site.Audit(r, "person.read", p.ID, "summary"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "summary", "Your services", data)
}
