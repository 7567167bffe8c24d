package directory

import (
	"errors"
	"fmt"
)

// Kind classifies an [Error] so that the edge (HTTP, CLI) can choose a
// status without reading messages.
type Kind uint8

// Kinds of failure. Internal is the zero value so that an unclassified
// error is never shown to a person.
const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Forbidden
)

func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	}
	return "internal"
}

// Error is a classified failure. Msg is safe to show a resident; Err never is.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return fmt.Sprintf("%s: %v", e.Msg, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an [Error] of kind k whose message is formatted from format.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// KindOf returns the Kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	if e := (*Error)(nil); errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// MessageOf returns the person-safe message of the first *Error in err's
// chain, or a generic message when there is none.
func MessageOf(err error) string {
	if e := (*Error)(nil); errors.As(err, &e) && e.Kind != Internal {
		return e.Msg
	}
	return "something went wrong on our side; please try again"
}

// MessageOrError returns the person-safe message of a classified error,
// or the error's own text for an unclassified one. It is for the command
// line, where the person reading is the operator.
func MessageOrError(err error) string {
	if e := (*Error)(nil); errors.As(err, &e) && e.Kind != Internal {
		return e.Msg
	}
	return err.Error()
}
