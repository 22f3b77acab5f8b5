package site

import "strings"

// labels are the words of the page around the content, in the page's
// language. Russian and English are provided; other languages get English.
type labels struct {
	SkipLink     string
	Sections     string
	By           string
	And          string
	Updated      string
	Corrections  string
	Topics       string
	MoreOn       string
	AllCoverage  string
	Related      string
	PrevInSec    string
	NextInSec    string
	MoreIn       string
	PrevPage     string
	NextPage     string
	PageOf       string
	Pagination   string
	NoArticles   string
	Stories      string
	Latest       string
	TopStories   string
	Subsections  string
	Months       string
	Archive      string
	Section      string
	Tag          string
	Author       string
	Story        string
	NotFound     string
	NotFoundText string
	Gone         string
	GoneText     string
	BadRequest   string
	BackHome     string
	// C are the comment section's words.
	C commentLabels

	// The share bar, the language switcher and embeds.
	ShareThis, ShareOn, NewTab, ShareByEmail, Email, VK string
	CopyLink, LinkCopied, ShareNative                   string
	Languages, EmbedLoad                                string
	// CopySource names the article's address added to copied text.
	CopySource string
}

// labelsFor returns the labels for a language tag.
func labelsFor(lang string) *labels {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if primary == "ru" {
		return russian()
	}
	return english()
}

// english returns the English labels.
func english() *labels {
	return &labels{
		SkipLink: "Skip to content", Sections: "Sections",
		By: "By", And: "and", Updated: "Updated",
		Corrections: "Corrections", Topics: "Topics",
		MoreOn: "More on", AllCoverage: "All coverage of this story",
		Related: "Related coverage", PrevInSec: "Previous in", NextInSec: "Next in",
		MoreIn: "More in", PrevPage: "Previous page", NextPage: "Next page", PageOf: "Page %d of %d",
		Pagination: "Pages", NoArticles: "There are no articles here yet.",
		Stories: "Developing stories", Latest: "Latest news", TopStories: "Top stories",
		Subsections: "Subsections", Months: "Months", Archive: "Archive",
		Section: "Section", Tag: "Topic", Author: "Author", Story: "Running story",
		NotFound: "Page not found", NotFoundText: "There is no page at this address. It may have moved, or the link may be mistyped.",
		Gone: "Page removed", GoneText: "This page was withdrawn and is no longer available.",
		BadRequest: "Bad request", BackHome: "Go to the front page",
		C: englishComments(),

		ShareThis: "Share this:", ShareOn: "Share on %s", NewTab: "(opens in a new tab)",
		ShareByEmail: "Share by email", Email: "Email", VK: "VK",
		CopyLink: "Copy link", LinkCopied: "Link copied", ShareNative: "Share…",
		Languages: "Read in", EmbedLoad: "Load from %s", CopySource: "Source",
	}
}

// russian returns the Russian labels.
func russian() *labels {
	return &labels{
		SkipLink: "Перейти к содержанию", Sections: "Разделы",
		By: "Текст:", And: "и", Updated: "Обновлено",
		Corrections: "Исправления", Topics: "Темы",
		MoreOn: "Ещё по теме", AllCoverage: "Все материалы сюжета",
		Related: "Материалы по теме", PrevInSec: "Предыдущий материал:", NextInSec: "Следующий материал:",
		MoreIn: "Ещё в разделе", PrevPage: "Предыдущая страница", NextPage: "Следующая страница", PageOf: "Страница %d из %d",
		Pagination: "Страницы", NoArticles: "Здесь пока нет материалов.",
		Stories: "Сюжеты", Latest: "Последние новости", TopStories: "Главное",
		Subsections: "Подразделы", Months: "Месяцы", Archive: "Архив",
		Section: "Раздел", Tag: "Тема", Author: "Автор", Story: "Сюжет",
		NotFound: "Страница не найдена", NotFoundText: "По этому адресу ничего нет. Возможно, страница переехала или в ссылке опечатка.",
		Gone: "Страница удалена", GoneText: "Этот материал снят с публикации.",
		BadRequest: "Неверный запрос", BackHome: "На главную",
		C: russianComments(),

		ShareThis: "Поделиться:", ShareOn: "Поделиться в %s", NewTab: "(откроется в новой вкладке)",
		ShareByEmail: "Отправить по e-mail", Email: "E-mail", VK: "ВКонтакте",
		CopyLink: "Копировать ссылку", LinkCopied: "Ссылка скопирована", ShareNative: "Поделиться…",
		Languages: "Читать на языке", EmbedLoad: "Загрузить с %s", CopySource: "Источник",
	}
}
