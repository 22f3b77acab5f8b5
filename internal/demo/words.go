package demo

// The demo is set in Port Almera, the capital of Velmark, a country that
// does not exist. Every name below is made up; none refers to a real person,
// place, company or event.

const (
	paperName = "The Almera Courier"
	city      = "Port Almera"
	country   = "Velmark"
)

var firstNames = []string{
	"Adela", "Bram", "Cora", "Dario", "Edda", "Felix", "Greta", "Hollis", "Ines", "Jory",
	"Katya", "Lorcan", "Mira", "Nils", "Odile", "Pavel", "Quinn", "Rosalind", "Sefton", "Talia",
	"Ulric", "Vesna", "Wendell", "Xenia", "Yannick", "Zora", "Anselm", "Brielle", "Caspian", "Delphine",
	"Emrys", "Fenna", "Gideon", "Hester", "Ivo", "Juno", "Kasimir", "Liesel", "Marek", "Noor",
}

var lastNames = []string{
	"Ashdown", "Brackwater", "Colvane", "Dunmore", "Elsworth", "Fallowby", "Greythorn", "Harrowgate",
	"Ivesmark", "Jessop", "Kettering", "Lowell", "Marchbank", "Northam", "Orwin", "Pellow", "Quarrie",
	"Rushford", "Stanmere", "Thorncombe", "Underhay", "Vantreight", "Whitlock", "Yarrow", "Zennor",
	"Ambrey", "Blakiston", "Carrow", "Delacourt", "Everleigh", "Fenwright", "Gilder", "Halloran",
	"Inchbald", "Jolliffe", "Kestrell", "Larkspur", "Merrivale", "Nettlefold", "Oakhurst",
}

// ruPerson is a made-up Russian name with the verb forms that agree with it.
type ruPerson struct {
	name, said string
}

var ruPeople = []ruPerson{
	{"Анна Белозёрова", "сказала"}, {"Игорь Ланской", "сказал"}, {"Марина Верховцева", "сказала"},
	{"Олег Старицкий", "сказал"}, {"Елена Заречная", "сказала"}, {"Павел Ольховский", "сказал"},
	{"Ксения Луговая", "сказала"}, {"Дмитрий Корсаков", "сказал"}, {"Ирина Светлова", "сказала"},
	{"Артём Рябинин", "сказал"}, {"Вера Тихомирова", "сказала"}, {"Глеб Новосельцев", "сказал"},
}

// ruAuthors write the Russian-language articles; their bios are in Russian.
var ruAuthors = []struct{ name, bio string }{
	{"Алина Соколовская", "Пишет о городской жизни и культуре Порт-Альмеры."},
	{"Григорий Вешняков", "Освещает экономику и работу городского совета."},
	{"Софья Камышева", "Рассказывает о науке, здоровье и образовании."},
	{"Тимур Озерецкий", "Пишет о спорте и транспорте."},
}

var districts = []string{
	"Harbourside", "Old Town", "Northgate", "Millbrook", "Riverside", "Kestrel Hill",
	"Saltmarsh", "Ashford Park", "Lanternfield", "Copper Quay", "Wendmouth", "Briarwood",
}

var ruDistricts = []string{
	"Харборсайд", "Старый город", "Норгейт", "Миллбрук", "Риверсайд", "Кестрел-Хилл",
	"Солтмарш", "Эшфорд-Парк", "Лантернфилд", "Коппер-Куэй",
}

var towns = []string{
	"Eskerby", "Dunmarrow", "Tarnwick", "Halvenford", "Orlin", "Sorrowby", "Caddon Bay", "Westerhithe",
}

var neighbours = []string{
	"Ostravia", "the Kaldane Republic", "Serenmark", "the Isles of Morrow", "Tavernia", "Lusquay",
}

var organisations = []string{
	"the Port Almera Transit Authority", "the Velmark Statistics Office", "the Almera Chamber of Commerce",
	"the Millbrook Residents' Association", "the Velmark Teachers' Union", "the Harbour Trust",
	"the National Weather Service", "the Almera Water Board", "the Velmark Medical Council",
	"the Riverside Tenants' Forum", "the Almera Arts Council", "the Velmark Farmers' League",
}

var companies = []string{
	"Copperline Logistics", "Northwind Foods", "Almera Shipbuilding", "Brightwater Energy",
	"Kestrel Software", "Saltmarsh Ceramics", "Velbank", "Harbour & Crane", "Tarnwick Textiles",
	"Lumen Rail", "Greenhollow Dairies", "Orlin Pharmaceuticals",
}

var roles = []string{
	"a spokesperson for {org}", "a city councillor for {district}", "the chair of {org}",
	"an economist at the University of Almera", "a researcher at the Velmark Institute of Science",
	"a resident of {district}", "the head of {company}", "a shop owner in {district}",
	"a professor at Almera Polytechnic", "a community organiser in {district}",
}

var teams = []string{
	"Almera Rovers", "Harbourside Athletic", "Northgate United", "Eskerby Town", "Dunmarrow Wanderers",
	"Tarnwick Albion", "Kestrel Hill Rangers", "Halvenford City",
}

var venues = []string{
	"the Old Town Playhouse", "the Almera Concert Hall", "the Copper Quay Gallery", "the National Museum",
	"the Riverside Arts Centre", "the Lantern Theatre",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// tagNames are the site's ordinary tags; stories add their own.
var tagNames = []string{
	"Transport", "Housing", "Schools", "Universities", "Hospitals", "Public health", "Climate", "Weather",
	"Energy", "Water", "Agriculture", "Fisheries", "Trade", "Jobs", "Inflation", "Taxes", "Banking",
	"Startups", "Retail", "Tourism", "Shipping", "Railways", "Cycling", "Parks", "Libraries", "Museums",
	"Theatre", "Music", "Film", "Books", "Art", "Architecture", "Food", "Festivals", "Football",
	"Athletics", "Sailing", "Tennis", "Rowing", "Basketball", "Courts", "Policing", "Fire service",
	"Council", "Parliament", "Elections", "Diplomacy", "Budget", "Pensions", "Science policy",
	"Space", "Oceans", "Wildlife", "Forests", "Recycling", "Air quality", "Software", "Telecoms",
	"Artificial intelligence", "Privacy", "Cybersecurity", "Broadband", "Heritage", "Volunteering",
	"Charities", "Old Town", "Harbourside", "Northgate", "Millbrook", "Riverside", "Kestrel Hill",
	"Saltmarsh", "Eskerby", "Tarnwick", "Roads", "Ferries", "Airports", "Nutrition", "Mental health",
	"Vaccines", "Research", "Astronomy", "Chemistry", "Biology", "Physics", "Engineering", "Weddings",
	"Obituaries", "Letters", "Editorial",
}

// ruTagNames are the tags of the Russian-language articles.
var ruTagNames = []string{
	"Городской совет", "Общественный транспорт", "Культура", "Экономика", "Наука", "Спорт", "Погода", "Образование",
	"Здравоохранение", "Туризм",
}

// sectionPlan is the section tree: top-level sections in navigation order,
// each with its subsections.
var sectionPlan = []struct {
	name, slug, description string
	subs                    [][2]string // name, slug
}{
	{"World", "world", "News from Velmark's neighbours and further afield.", nil},
	{"Politics", "politics", "Parliament, the city council and the people who run them.", nil},
	{"Business", "business", "Companies, jobs and the economy of Velmark.", [][2]string{{"Markets", "markets"}, {"Economy", "economy"}}},
	{"Science", "science", "Research from Velmark's universities and laboratories.", nil},
	{"Technology", "technology", "Software, telecoms and the digital life of the city.", nil},
	{"Health", "health", "Hospitals, public health and well-being.", nil},
	{"Culture", "culture", "Theatre, music, books, film and art.", [][2]string{{"Books", "books"}, {"Music", "music"}}},
	{"Sport", "sport", "Football, athletics, sailing and the rest.", [][2]string{{"Football", "football"}}},
	{"Opinion", "opinion", "Editorials, columns and letters from readers.", nil},
	{"Local", "local", "Port Almera, district by district.", [][2]string{{"Transport", "transport"}}},
}

// beats are what authors cover, for their bios.
var beats = []string{
	"city hall", "transport", "the economy", "science", "technology", "health", "the arts", "sport",
	"education", "housing", "the environment", "foreign affairs", "courts", "local history",
}
