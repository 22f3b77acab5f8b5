package render

import (
	"strconv"
	"strings"
	"time"
)

// Date formats the calendar date of t for people reading lang: format is
// "long" (September 27, 2022; 27 сентября 2022 г.), "medium" (Sep 27, 2022;
// 27 сент. 2022 г.) or "iso" (2022-09-27). Russian uses its own month names
// and order; every other language gets English. Convert t to the site's
// time zone first.
func Date(t time.Time, lang, format string) string {
	if format == "iso" {
		return t.Format("2006-01-02")
	}
	day, year := strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	if isRussian(lang) {
		month := ruGenitive(t.Month())
		if format == "medium" {
			month = ruShort(t.Month())
		}
		return day + " " + month + " " + year + " г."
	}
	if format == "medium" {
		return t.Format("Jan 2, 2006")
	}
	return t.Format("January 2, 2006")
}

// Month names the month and year of t for lang, as in an archive heading:
// "September 2022", "Сентябрь 2022".
func Month(t time.Time, lang string) string {
	if isRussian(lang) {
		return ruNominative(t.Month()) + " " + strconv.Itoa(t.Year())
	}
	return t.Format("January 2006")
}

// Datetime is t as a machine-readable value for <time datetime>.
func Datetime(t time.Time) string {
	return t.Format(time.RFC3339)
}

// isRussian reports whether the language tag is Russian.
func isRussian(lang string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return primary == "ru"
}

// ruGenitive is the month's name as it follows a day: "27 сентября".
func ruGenitive(m time.Month) string {
	return pick(m, "января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря")
}

// ruShort is the abbreviated genitive month name: "27 сент.".
func ruShort(m time.Month) string {
	return pick(m, "янв.", "февр.", "марта", "апр.", "мая", "июня",
		"июля", "авг.", "сент.", "окт.", "нояб.", "дек.")
}

// ruNominative is the month's name on its own, capitalized: "Сентябрь".
func ruNominative(m time.Month) string {
	return pick(m, "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
		"Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь")
}

// pick returns the name of month m from the twelve names in order.
func pick(m time.Month, names ...string) string {
	return names[m-1]
}
