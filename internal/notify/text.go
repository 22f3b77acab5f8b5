package notify

import "strings"

// texts are the words of the notifications in one language. The verbs
// avoid the speaker's gender, which Russian past tenses would need.
type texts struct {
	Quote            string // wraps a headline: “%s”
	Hello            string // greets the recipient by name
	PendingSubject   string // of the headline
	PendingLead      string // of the headline
	PendingFrom      string // the commenter's name
	PendingAction    string // the moderation queue's link
	Article          string // the article's link
	BecauseAuthor    string
	BecauseModerator string // of the site's title
	ReplySubject     string // of the headline
	ReplyLead        string // of the headline
	ReplyFrom        string // the replier's name
	ReplyRead        string // the reply's link
	BecauseSubscribe string // of the site's title
	Unsubscribe      string // the unsubscribe link
}

var english = texts{
	Quote:            "“%s”",
	Hello:            "Hello %s,",
	PendingSubject:   "Comment awaiting moderation: %s",
	PendingLead:      "A comment on %s awaits moderation.",
	PendingFrom:      "From: %s",
	PendingAction:    "Approve, answer or reject it in the newsroom:\n%s",
	Article:          "The article:\n%s",
	BecauseAuthor:    "You receive this email because you are an author of the article.",
	BecauseModerator: "You receive this email because you moderate comments on %s.",
	ReplySubject:     "New reply to your comment on %s",
	ReplyLead:        "There is a new reply to your comment on %s.",
	ReplyFrom:        "From: %s",
	ReplyRead:        "Read it and answer:\n%s",
	BecauseSubscribe: "You receive this email because you asked %s to tell you of replies to your comments.",
	Unsubscribe:      "To stop these emails, unsubscribe with one click:\n%s",
}

var russian = texts{
	Quote:            "«%s»",
	Hello:            "Здравствуйте, %s!",
	PendingSubject:   "Комментарий ждёт проверки: %s",
	PendingLead:      "Комментарий к статье %s ждёт проверки.",
	PendingFrom:      "Автор комментария: %s",
	PendingAction:    "Одобрить, ответить или отклонить его можно в редакции:\n%s",
	Article:          "Статья:\n%s",
	BecauseAuthor:    "Вы получили это письмо как автор статьи.",
	BecauseModerator: "Вы получили это письмо, потому что проверяете комментарии на сайте %s.",
	ReplySubject:     "Новый ответ на ваш комментарий к статье %s",
	ReplyLead:        "На ваш комментарий к статье %s пришёл ответ.",
	ReplyFrom:        "Автор ответа: %s",
	ReplyRead:        "Прочитать и ответить:\n%s",
	BecauseSubscribe: "Вы получили это письмо, потому что попросили сайт %s сообщать об ответах на ваши комментарии.",
	Unsubscribe:      "Чтобы больше не получать такие письма, отпишитесь одним нажатием:\n%s",
}

// textsFor returns the words for a language tag; English for any language
// without its own.
func textsFor(lang string) *texts {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if base == "ru" {
		return &russian
	}
	return &english
}
