package site

import "html/template"

// shareIcon returns the inline icon of a share network or button: simple
// drawings of our own in currentColor, hidden from assistive technology
// since the link's name says where it goes.
func shareIcon(name string) template.HTML {
	const open = `<svg class="share-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" ` +
		`fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">`
	const solid = `fill="currentColor" stroke="none"`
	var body string
	switch name {
	case "facebook":
		body = `<path ` + solid + ` d="M13.5 22v-8h2.7l.4-3.2h-3.1V8.8c0-.9.3-1.6 1.6-1.6h1.7V4.4c-.3 0-1.3-.1-2.5-.1-2.5 0-4.1 1.5-4.1 4.2v2.3H7.4V14h2.8v8z"/>`
	case "x":
		body = `<path d="M4 4l16 16M20 4L4 20"/>`
	case "telegram":
		body = `<path d="M21 4L3 11l6 2.5M21 4l-3 16-9-6.5M21 4L9 13.5V19l3-3.5"/>`
	case "whatsapp":
		body = `<path d="M4 20l1.3-4A8 8 0 1 1 8.3 19z"/><path ` + solid + ` d="M9 8.5c.3-.6.9-.6 1.1 0l.6 1.4c.1.3 0 .6-.2.8l-.4.4c.5 1 1.3 1.8 2.3 2.3l.4-.4c.2-.2.5-.3.8-.2l1.4.6c.6.2.6.8 0 1.1-.8.5-1.8.6-2.7.2a7 7 0 0 1-3.5-3.5c-.4-.9-.3-1.9.2-2.7z"/>`
	case "vk":
		body = `<path d="M3 7c.5 6 4 10 9 10v-4c2 .3 3.5 2 4.5 4H20c-1-3-3-5-4.5-5.5C17 10.5 18.5 9 19 7h-3.3c-.6 2-2 3.8-3.7 4V7H9.5v7C8 13.5 6.5 11 6 7z"/>`
	case "linkedin":
		body = `<rect x="3" y="3" width="18" height="18" rx="2"/><path d="M8 10.5V17M8 7.2v.1M12 17v-6.5M12 13.5c0-2 1-3 2.5-3s2.5 1 2.5 3V17"/>`
	case "reddit":
		body = `<ellipse cx="12" cy="14.5" rx="8" ry="5.5"/><path d="M12 9l1.5-5 4 1M9.5 16.5c1.5 1 3.5 1 5 0"/><circle ` + solid + ` cx="18.5" cy="5" r="1.5"/><circle ` + solid + ` cx="9" cy="13.5" r="1.2"/><circle ` + solid + ` cx="15" cy="13.5" r="1.2"/>`
	case "email":
		body = `<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3.5 6.5L12 13l8.5-6.5"/>`
	case "copy":
		body = `<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`
	case "native":
		body = `<path d="M12 3v12M7.5 7.5L12 3l4.5 4.5M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7"/>`
	default:
		return ""
	}
	return template.HTML(open + body + `</svg>`)
}
