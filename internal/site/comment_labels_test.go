package site

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestCommentLabels_Count(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 comments"}, {"en", 1, "1 comment"}, {"en", 2, "2 comments"}, {"en", 21, "21 comments"},
		{"ru", 0, "0 комментариев"}, {"ru", 1, "1 комментарий"}, {"ru", 2, "2 комментария"}, {"ru", 4, "4 комментария"},
		{"ru", 5, "5 комментариев"}, {"ru", 11, "11 комментариев"}, {"ru", 12, "12 комментариев"}, {"ru", 21, "21 комментарий"},
		{"ru", 22, "22 комментария"}, {"ru", 111, "111 комментариев"}, {"ru", 101, "101 комментарий"},
	} {
		if got := labelsFor(tc.lang).C.Count(tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestComments_Russian(t *testing.T) {
	f := newFixture(t)
	a := f.articles["pozhar-v-portu"]
	a.CommentsOpen = true
	must(t, f.store.UpdateArticle(context.Background(), a))
	path := f.path("pozhar-v-portu")
	body := f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String()
	for _, want := range []string{"0 комментариев", "Оставить комментарий", "Ваш адрес электронной почты не будет опубликован",
		">Комментарий <span", ">Имя <span", ">Электронная почта <span", ">Сайт</label>", "Сообщать мне об ответах",
		"Сохранить моё имя", ">Отправить комментарий</button>", "Оставьте это поле пустым"} {
		if !strings.Contains(body, want) {
			t.Errorf("Russian article lacks %q", want)
		}
	}
	for _, english := range []string{"Leave a Reply", "Post Comment", "Your email", "Notify me"} {
		if strings.Contains(body, english) {
			t.Errorf("Russian article shows %q", english)
		}
	}
	w := f.request(t, "POST", path+commentsSuffix, postForm(f.token(t, path), "Иван", "не-адрес", "Текст остаётся."), "1.2.3.4:5")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Исправьте отмеченные ниже поля.") || !strings.Contains(w.Body.String(), "Текст остаётся.") {
		t.Errorf("Russian refusal: %d", w.Code)
	}
	res := f.post(t, path, map[string]string{"author": "Иван", "email": "ivan@example.org", "comment": "Спасибо за новости."}, "1.2.3.4:5")
	own := ownCookieOf(t, res)
	body = f.request(t, "GET", path, nil, "1.2.3.4:5", own).Body.String()
	for _, want := range []string{"Ваш комментарий ожидает проверки модератором.", ">Изменить</a>", ">Удалить</a>", `aria-label="Комментарий от Иван"`} {
		if !strings.Contains(body, want) {
			t.Errorf("Russian own comment lacks %q", want)
		}
	}
	del := f.request(t, "GET", path+"comments/"+strconv.FormatInt(f.postedComment(t, res).ID, 10)+"/delete/", nil, "1.2.3.4:5", own).Body.String()
	if !strings.Contains(del, "Удалить комментарий?") || !strings.Contains(del, ">Удалить комментарий</button>") || !strings.Contains(del, `lang="ru"`) {
		t.Errorf("Russian delete page")
	}
}
