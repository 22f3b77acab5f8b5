package site

import "strconv"

// commentLabels are the words of the comment section and of the comment
// pages (edit, delete, unsubscribe), in the page's language.
type commentLabels struct {
	one, few, many string // "comment" after 1, after 2–4 (Russian), and otherwise

	LeaveReply, Notes, Comment, Name, Email, Website, Honeypot      string
	Notify, Remember, Post, ReplyingTo, CancelReply, Reply, ReplyTo string
	CommentBy, Awaiting, Closed, Staff, CommentingAs, Older, Newer  string
	CommentPages, Edit, Delete, EditHeading, Save, DeleteHeading    string
	DeleteText, DeleteButton, Cancel                                string
	UnsubHeading, UnsubText, UnsubButton, UnsubDone, BackToArticle  string

	// Messages of refusals and form errors.
	ClosedText, TooFast, Expired, FixFields, TooOften, Duplicate string
	NotYours, TooLate, BadLink, BadLinkText, NoParent            string
}

// Count returns "N comments" with the word agreeing with n.
func (c *commentLabels) Count(n int) string {
	word := c.many
	switch {
	case c.few == "": // one plural form
		if n == 1 {
			word = c.one
		}
	case n%10 == 1 && n%100 != 11:
		word = c.one
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		word = c.few
	}
	return strconv.Itoa(n) + " " + word
}

// englishComments returns the English comment labels, WordPress's words.
func englishComments() commentLabels {
	return commentLabels{
		one: "comment", many: "comments",
		LeaveReply: "Leave a Reply", Notes: "Your email address will not be published. Required fields are marked",
		Comment: "Comment", Name: "Name", Email: "Email", Website: "Website",
		Honeypot: "Leave this field empty", Notify: "Notify me of replies by email",
		Remember: "Save my name and email in this browser for the next time I comment.", Post: "Post Comment",
		ReplyingTo: "Replying to", CancelReply: "Cancel reply", Reply: "Reply", ReplyTo: "Reply to",
		CommentBy: "Comment by", Awaiting: "Your comment is awaiting moderation.", Closed: "Comments are closed.",
		Staff: "Staff", CommentingAs: "Commenting as", Older: "Older comments", Newer: "Newer comments",
		CommentPages: "Comment pages", Edit: "Edit", Delete: "Delete", EditHeading: "Edit your comment", Save: "Save",
		DeleteHeading: "Delete your comment?", DeleteText: "Your comment will be removed for good. Replies to it stay.",
		DeleteButton: "Delete comment", Cancel: "Cancel",
		UnsubHeading: "Stop emails about replies", UnsubText: "You will no longer get emails about replies to your comments on this site.",
		UnsubButton: "Unsubscribe", UnsubDone: "You will no longer get emails about replies.", BackToArticle: "Back to the article",
		ClosedText: "Comments on this article are closed.", TooFast: "That was quick. Please check your comment and send it again.",
		Expired: "The form has expired. Please send your comment again.", FixFields: "Please correct the fields marked below.",
		TooOften:  "You are commenting too often. Please wait a few minutes and send your comment again.",
		Duplicate: "You have already said that.", NotYours: "This browser did not post this comment, so it cannot change it.",
		TooLate: "A comment can be edited or deleted only within 15 minutes of posting it. That time has passed.",
		BadLink: "This link does not work", BadLinkText: "The unsubscribe link is damaged or has expired. Please use the link of a newer email.",
		NoParent: "The comment you are replying to is no longer there. Send yours again to post it on its own.",
	}
}

// russianComments returns the Russian comment labels.
func russianComments() commentLabels {
	return commentLabels{
		one: "комментарий", few: "комментария", many: "комментариев",
		LeaveReply: "Оставить комментарий", Notes: "Ваш адрес электронной почты не будет опубликован. Обязательные поля помечены",
		Comment: "Комментарий", Name: "Имя", Email: "Электронная почта", Website: "Сайт",
		Honeypot: "Оставьте это поле пустым", Notify: "Сообщать мне об ответах по электронной почте",
		Remember: "Сохранить моё имя и адрес в этом браузере для следующих комментариев.", Post: "Отправить комментарий",
		ReplyingTo: "Ответ для", CancelReply: "Отменить ответ", Reply: "Ответить", ReplyTo: "Ответить",
		CommentBy: "Комментарий от", Awaiting: "Ваш комментарий ожидает проверки модератором.", Closed: "Комментарии закрыты.",
		Staff: "Редакция", CommentingAs: "Вы комментируете как", Older: "Более ранние комментарии", Newer: "Более поздние комментарии",
		CommentPages: "Страницы комментариев", Edit: "Изменить", Delete: "Удалить", EditHeading: "Изменить комментарий", Save: "Сохранить",
		DeleteHeading: "Удалить комментарий?", DeleteText: "Комментарий будет удалён навсегда. Ответы на него останутся.",
		DeleteButton: "Удалить комментарий", Cancel: "Отмена",
		UnsubHeading: "Отписаться от писем об ответах", UnsubText: "Вы больше не будете получать письма об ответах на ваши комментарии на этом сайте.",
		UnsubButton: "Отписаться", UnsubDone: "Вы больше не будете получать письма об ответах.", BackToArticle: "Вернуться к статье",
		ClosedText: "Комментарии к этой статье закрыты.", TooFast: "Слишком быстро. Проверьте комментарий и отправьте его ещё раз.",
		Expired: "Срок действия формы истёк. Отправьте комментарий ещё раз.", FixFields: "Исправьте отмеченные ниже поля.",
		TooOften:  "Вы комментируете слишком часто. Подождите несколько минут и отправьте комментарий ещё раз.",
		Duplicate: "Вы уже написали это.", NotYours: "Этот комментарий отправлен не из этого браузера, поэтому изменить его нельзя.",
		TooLate: "Комментарий можно изменить или удалить только в течение 15 минут после отправки. Это время прошло.",
		BadLink: "Ссылка не работает", BadLinkText: "Ссылка для отписки повреждена или устарела. Воспользуйтесь ссылкой из более нового письма.",
		NoParent: "Комментария, на который вы отвечаете, больше нет. Отправьте свой ещё раз, и он будет опубликован отдельно.",
	}
}
