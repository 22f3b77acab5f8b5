package admin

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/render"
)

// decodeForm parses r's form into dst, a pointer to a struct whose fields
// carry `form:"name"` tags. Supported field types: string, bool (a checkbox:
// present means true), int, int64, []string and []int64 (repeated inputs).
// Strings have their carriage returns removed. Values that do not parse are
// reported as field errors, which the caller merges with its Validate's.
func decodeForm(r *http.Request, dst any) (herald.FieldErrors, error) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, herald.Errorf(herald.EINVALID, "The form is larger than %d bytes.", tooBig.Limit)
		}
		return nil, herald.Errorf(herald.EINVALID, "The form could not be read.")
	}
	return decodeValues(r.PostForm, dst), nil
}

// decodeValues fills dst from vals as decodeForm does.
func decodeValues(vals url.Values, dst any) herald.FieldErrors {
	fe := herald.FieldErrors{}
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("form")
		if name == "" {
			continue
		}
		if err := setField(v.Field(i), vals[name]); err != nil {
			fe.Add(name, err.Error())
		}
	}
	return fe
}

// setField sets f from the submitted values of its input.
func setField(f reflect.Value, vals []string) error {
	first := ""
	if len(vals) > 0 {
		first = vals[0]
	}
	switch f.Interface().(type) {
	case string:
		f.SetString(strings.ReplaceAll(first, "\r", ""))
	case bool:
		f.SetBool(first != "" && first != "0" && first != "false")
	case int, int64:
		n, err := parseInt(first)
		f.SetInt(n)
		return err
	case []string:
		f.Set(reflect.ValueOf(vals))
	case []int64:
		var ns []int64
		for _, s := range vals {
			if strings.TrimSpace(s) == "" {
				continue
			}
			n, err := parseInt(s)
			if err != nil {
				return err
			}
			ns = append(ns, n)
		}
		f.Set(reflect.ValueOf(ns))
	default:
		panic(fmt.Sprintf("admin: decodeForm cannot fill a %s", f.Type()))
	}
	return nil
}

// parseInt parses a whole number; empty is 0.
func parseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errors.New("must be a whole number")
	}
	return n, nil
}

// fieldErrors returns the field errors of err, or nil when err is not a
// validation error.
func fieldErrors(err error) herald.FieldErrors {
	var ve *herald.ValidationError
	if errors.As(err, &ve) {
		return ve.Fields
	}
	var he *herald.Error
	if errors.As(err, &he) && he.Field != "" && he.Code == herald.EINVALID {
		return herald.FieldErrors{he.Field: he.Message}
	}
	return nil
}

// fieldError is what the "field-error" template shows under an input.
type fieldError struct {
	ID, Message string
}

// localInput is the format of <input type="datetime-local">.
const localInput = "2006-01-02T15:04"

// funcs are the template functions of newsroom pages.
func funcs() template.FuncMap {
	return template.FuncMap{
		// invalid marks an input whose field has an error and points to
		// the message: <input name="slug"{{invalid .Errors "slug"}}>.
		"invalid": func(fe herald.FieldErrors, name string) template.HTMLAttr {
			if fe[name] == "" {
				return ""
			}
			return template.HTMLAttr(` aria-invalid="true" aria-describedby="` + name + `-error"`)
		},
		// fieldError is the argument of {{template "field-error"}}.
		"fieldError": func(fe herald.FieldErrors, name string) fieldError {
			return fieldError{ID: name + "-error", Message: fe[name]}
		},
		"date": func(t time.Time, loc *time.Location) string {
			if t.IsZero() {
				return ""
			}
			return render.Date(t.In(loc), "en", "medium") + " " + t.In(loc).Format("15:04")
		},
		"datetime": render.Datetime,
		"inc":      func(i int) int { return i + 1 },
	}
}
