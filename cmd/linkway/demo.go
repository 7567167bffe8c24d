package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/account"
)

// demoAccount is a login made for a new data folder, so that a first
// start shows every role.
type demoAccount struct {
	Email, Password string
	Role            casework.Role
	Where           string // team or organisation name, for the printout
}

// demoTeams are the link worker teams of the demo: two primary care
// networks, so that one team's caseload can be seen to be hidden from the
// other.
var demoTeams = []casework.Team{
	{ID: "leeds-north", Name: "Leeds North PCN"},
	{ID: "leeds-south", Name: "Leeds South PCN"},
}

// createDemoAccounts creates the demo teams and one account for each role,
// each with a new random password, and returns them with the passwords.
// The editor edits the organisation of the first demo service.
func (a *app) createDemoAccounts(ctx context.Context) ([]demoAccount, error) {
	for _, t := range demoTeams {
		if err := a.db.PutTeam(ctx, t); err != nil {
			return nil, err
		}
	}
	first, _, err := a.db.FindServices(ctx, directory.ServiceFilter{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(first) == 0 || first[0].Organization == nil {
		return nil, errors.New("the demo directory has no organisation for the demo editor")
	}
	org := first[0].Organization
	users := []struct {
		u     casework.User
		where string
	}{
		{casework.User{Email: "admin@example.org", Name: "Demo Admin", Role: casework.RoleAdmin}, ""},
		{casework.User{Email: "north.worker@example.org", Name: "Demo Link Worker (North)", Role: casework.RoleLinkWorker, TeamID: "leeds-north"}, "Leeds North PCN"},
		{casework.User{Email: "south.worker@example.org", Name: "Demo Link Worker (South)", Role: casework.RoleLinkWorker, TeamID: "leeds-south"}, "Leeds South PCN"},
		{casework.User{Email: "editor@example.org", Name: "Demo Editor", Role: casework.RoleEditor, OrganizationID: org.ID}, org.Name},
	}
	var out []demoAccount
	for _, d := range users {
		pw, err := generatePassword(16)
		if err != nil {
			return nil, err
		}
		hash, err := account.HashPassword(pw)
		if err != nil {
			return nil, err
		}
		if _, err := a.db.CreateUser(ctx, d.u, hash); err != nil {
			return nil, err
		}
		out = append(out, demoAccount{Email: d.u.Email, Password: pw, Role: d.u.Role, Where: d.where})
	}
	return out, nil
}

// printDemoAccounts prints the demo logins once: one line each, with the
// email, the password and the role, in that order.
func printDemoAccounts(w io.Writer, loginURL, dataDir string, accounts []demoAccount) {
	fmt.Fprintln(w, "Demo accounts (for demonstration only — change or remove before real use):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range accounts {
		role := string(d.Role)
		if d.Where != "" {
			role += " (" + d.Where + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", d.Email, d.Password, role)
	}
	tw.Flush()
	fmt.Fprintf(w, "Log in at %s. The passwords are shown only this once (Linkway keeps only their hashes);\nset new ones with: linkway user password --data %s --email EMAIL --password-stdin\n\n", loginURL, dataDir)
}
