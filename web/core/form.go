package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/linkway/linkway/directory"
)

// MaxBody bounds a form or JSON body: a person's record with long notes
// fits many times over.
const MaxBody = 256 << 10

// ParseForm reads a posted form of at most [MaxBody] bytes.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	if err := r.ParseForm(); err != nil {
		return directory.Errorf(directory.Invalid, "the form could not be read")
	}
	return nil
}

// DecodeBody reads a JSON body of at most [MaxBody] bytes strictly: an
// unknown field is an Invalid error naming it, so a typo never silently
// drops data.
func DecodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		return directory.Errorf(directory.Invalid, "the request body is too large or could not be read")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			return directory.Errorf(directory.Invalid, "%s: has the wrong type (%s)", te.Field, te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return directory.Errorf(directory.Invalid, "%s: is not a field we know", strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`))
		}
		return directory.Errorf(directory.Invalid, "the request body is not valid JSON")
	}
	return nil
}

// SeeOther redirects after a successful form post, so that reloading the
// page does not post it again.
func SeeOther(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// FormError is a validation message, split into the field it names and
// the message, so the form can show it next to the field.
type FormError struct {
	Field, Message string
}

// FormErrorsOf splits err into the form's problems: each field of a
// [directory.ValidationError], or a message "field: problem", with the
// field's label in front; anything else is a problem of the whole form.
func FormErrorsOf(err error) []FormError {
	var out []FormError
	var ve directory.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve {
			out = append(out, FormError{Field: fe.Field, Message: labelled(fe.Field, fe.Msg)})
		}
		return out
	}
	msg := directory.MessageOf(err)
	field, rest, ok := strings.Cut(msg, ": ")
	if ok && !strings.Contains(field, " ") {
		return []FormError{{Field: field, Message: labelled(field, rest)}}
	}
	return []FormError{{Message: msg}}
}

// FormMessage is err's first problem in words, with its field's label:
// for a page that shows one problem, such as a filter's.
func FormMessage(err error) string {
	if errs := FormErrorsOf(err); len(errs) > 0 {
		return errs[0].Message
	}
	return directory.MessageOf(err)
}

// fieldLabels name form fields as the forms do, for error messages that
// make sense on their own ("Date of birth is required").
var fieldLabels = map[string]string{
	"name": "Full name", "date_of_birth": "Date of birth", "nhs_number": "NHS number", "postcode": "Postcode",
	"email": "Email", "phone": "Phone", "preferred_contact": "Best way to get in touch", "referral_source": "Referred by",
	"consent.hold": "Consent", "status": "Status", "discharge_reason": "Reason for discharge", "review_date": "Review date",
	"team": "Team", "link_worker": "Link worker", "role": "Role", "organization": "Organisation id", "kind": "How the contact happened", "date": "Date",
	"minutes": "Minutes", "stage": "Stage", "life_satisfaction": "Life satisfaction", "worthwhile": "Worthwhile",
	"happy": "Happy yesterday", "anxious": "Anxious yesterday", "service_id": "Service", "mode": "Refer or signpost",
	"reopen": "Reopening date", "from": "From date", "to": "To date",
}

// labelled puts the field's label before a validation message.
func labelled(field, msg string) string {
	label, ok := fieldLabels[DateOwner(field)]
	if !ok {
		return Capitalise(msg)
	}
	for _, verb := range []string{"is ", "must ", "has "} {
		if strings.HasPrefix(msg, verb) {
			return label + " " + msg
		}
	}
	return label + ": " + msg
}

// DateOwner names the date a date input box belongs to
// ("date_of_birth" for "date_of_birth-year"), or returns field.
func DateOwner(field string) string {
	for _, box := range []string{"-day", "-month", "-year"} {
		if owner, ok := strings.CutSuffix(field, box); ok {
			return owner
		}
	}
	return field
}

// dateView is a date for the dateinput partial: the GOV.UK date input
// pattern, a fieldset of three boxes.
type dateView struct {
	ID, Name, Legend, Hint string
	DateField
	Autocomplete string // "bday" asks for bday-day, bday-month and bday-year
	Error        string
	// BadDay, BadMonth and BadYear mark the boxes the error is about: all
	// three when it is about the whole date.
	BadDay, BadMonth, BadYear bool
}

// newDateView builds a date input, picking its error out of the form's;
// it is the templates' "dateinput". id is the day box's id (the others
// add -month and -year) and the field errors name; name is what the
// boxes post as, which differs from id only where a page has the same
// form more than once.
func newDateView(id, name, legend, hint string, value DateField, autocomplete string, errs []FormError) dateView {
	v := dateView{ID: id, Name: name, Legend: legend, Hint: hint, DateField: value, Autocomplete: autocomplete}
	for _, e := range errs {
		switch e.Field {
		case id:
			v.Error, v.BadDay, v.BadMonth, v.BadYear = e.Message, true, true, true
		case id + "-month":
			v.Error, v.BadMonth = e.Message, true
		case id + "-year":
			v.Error, v.BadYear = e.Message, true
		}
	}
	return v
}

// ErrorTitle marks a page title when its form has problems, so screen
// reader users hear it first.
func ErrorTitle(title string, errs []FormError) string {
	if len(errs) > 0 {
		return "Error: " + title
	}
	return title
}

// fieldView is a form field for the textfield and textarea partials.
type fieldView struct {
	ID, Label, Value, Autocomplete, Error string
}

// newFieldView builds a field, picking its error out of the form's; it is
// the templates' "field".
func newFieldView(id, label, value, autocomplete string, errs []FormError) fieldView {
	f := fieldView{ID: id, Label: label, Value: value, Autocomplete: autocomplete}
	for _, e := range errs {
		if e.Field == id {
			f.Error = e.Message
		}
	}
	return f
}

// Option is one choice in a select, a set of radios or checkboxes.
type Option struct {
	Value, Label string
	Count        int
	Selected     bool
}

// AccessOptions are the access needs the forms offer, in the order they
// show them. Copy an Option before marking it Selected.
var AccessOptions = []Option{
	{Value: "wheelchair", Label: "Wheelchair accessible"},
	{Value: "step-free", Label: "Step-free access"},
	{Value: "hearing-loop", Label: "Hearing loop"},
	{Value: "accessible-toilet", Label: "Accessible toilet"},
}
