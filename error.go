package herald

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Error codes. They name a kind of failure, not an HTTP status: the HTTP
// edge maps them to statuses in one table.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EGONE         = "gone"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ETOOMANY      = "too_many"
	EINTERNAL     = "internal"
)

// Error is an application error: a code for programs and a message for
// people. Field, when set, names the input the message is about.
type Error struct {
	Code    string
	Message string
	Field   string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("herald: %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("herald: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// plain apology for any other error, so internal detail never reaches people.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side."
}

// FieldErrors collects validation messages by input name.
type FieldErrors map[string]string

// Add records msg for field unless the field already has a message.
func (fe FieldErrors) Add(field, msg string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
}

// Err returns nil when there are no messages, otherwise a *ValidationError.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return &ValidationError{Fields: fe}
}

// ValidationError reports every invalid field of one input at once. It
// unwraps to an *Error with code EINVALID.
type ValidationError struct {
	Fields FieldErrors
}

// Error implements the error interface, listing the fields in a stable order.
func (v *ValidationError) Error() string {
	return v.Unwrap().Error()
}

// Unwrap returns the EINVALID *Error the validation error stands for.
func (v *ValidationError) Unwrap() error {
	keys := slices.Sorted(maps.Keys(v.Fields))
	msg := ""
	for i, k := range keys {
		if i > 0 {
			msg += "; "
		}
		msg += k + ": " + v.Fields[k]
	}
	return &Error{Code: EINVALID, Message: msg}
}
