package admin

import (
	"context"
	"fmt"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// Admins pick an organisation by typing its name, helped by a list of
// every name (a <datalist>, which needs no script). The server turns the
// name back into the organisation, and refuses a name that is nobody's
// or that several organisations share.

// orgNameField is the "orgnamefield" partial: a field named
// organization for an organisation's name, with every name to choose
// from.
type orgNameField struct {
	Label, Value, Error string
	Names               []string
}

// orgNameField builds the field, with value typed and errs the form's
// problems, among which its own.
func (h *Handler) orgNameField(ctx context.Context, label, value string, errs []core.FormError) (orgNameField, error) {
	f := orgNameField{Label: label, Value: value}
	for _, e := range errs {
		if e.Field == "organization" {
			f.Error = e.Message
		}
	}
	var err error
	f.Names, err = h.orgNames(ctx)
	return f, err
}

// orgNames lists every organisation's name for a form: what choosing it
// types, the name, or "name (id)" when organisations share the name.
func (h *Handler) orgNames(ctx context.Context) ([]string, error) {
	orgs, err := h.store.OrganizationNames(ctx)
	if err != nil {
		return nil, err
	}
	shared := map[string]int{}
	for _, o := range orgs {
		shared[strings.ToLower(o.Name)]++
	}
	out := make([]string, 0, len(orgs))
	for _, o := range orgs {
		v := o.Name
		if shared[strings.ToLower(o.Name)] > 1 {
			v = nameWithID(o)
		}
		out = append(out, v)
	}
	return out, nil
}

// nameWithID tells apart organisations that share a name.
func nameWithID(o directory.Organization) string { return o.Name + " (" + o.ID + ")" }

// organisationNamed finds the organisation typed into a form: by its
// name in any case, "name (id)" as the list offers shared names, or its
// id, which forms and scripts sent before names were asked for. When
// there is no single such organisation, problem says so in words for the
// form; err is a failure to look.
func (h *Handler) organisationNamed(ctx context.Context, typed string) (org *directory.Organization, problem string, err error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil, "Choose the organisation they will look after", nil
	}
	if o, err := h.store.Organization(ctx, typed); err == nil {
		return o, "", nil
	} else if directory.KindOf(err) != directory.NotFound {
		return nil, "", err
	}
	if name, id, ok := splitNameWithID(typed); ok {
		if o, err := h.store.Organization(ctx, id); err == nil && strings.EqualFold(o.Name, name) {
			return o, "", nil
		} else if err != nil && directory.KindOf(err) != directory.NotFound {
			return nil, "", err
		}
	}
	named, err := h.store.OrganizationsNamed(ctx, typed)
	if err != nil {
		return nil, "", err
	}
	switch len(named) {
	case 1:
		return &named[0], "", nil
	case 0:
		problem, err := h.noSuchOrganisation(ctx, typed)
		return nil, problem, err
	}
	var choices []string
	for _, o := range named {
		choices = append(choices, nameWithID(o))
	}
	return nil, fmt.Sprintf("%d organisations are called %q: choose one of %s", len(named), typed, strings.Join(choices, ", ")), nil
}

// noSuchOrganisation says that no organisation is called typed, offering
// the few whose names hold those words.
func (h *Handler) noSuchOrganisation(ctx context.Context, typed string) (string, error) {
	near, total, err := h.store.FindOrganizations(ctx, directory.OrganizationFilter{Name: typed, Limit: 5})
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("No organisation is called %q", typed)
	if len(near) == 0 {
		return msg + ": choose a name from the list, or find it on the organisations page", nil
	}
	var names []string
	for _, o := range near {
		names = append(names, o.Name)
	}
	more := ""
	if total > len(near) {
		more = fmt.Sprintf(" (and %d more)", total-len(near))
	}
	return msg + ". Did you mean " + strings.Join(names, ", ") + more + "?", nil
}

// splitNameWithID reads "name (id)", as [nameWithID] writes it.
func splitNameWithID(s string) (name, id string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	i := strings.LastIndex(s, " (")
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+2 : len(s)-1], true
}
