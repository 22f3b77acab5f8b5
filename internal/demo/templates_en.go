package demo

// sectionText is what everyday articles of one top-level section are made
// of. Headlines name the subsection they belong to, if any. Texts hold
// {slots} filled per article (see newSlots).
type sectionText struct {
	slug      string
	headlines []headline
	deks      []string
	paras     []string
	quotes    []string
	tags      []string
}

type headline struct {
	text string
	sub  string // subsection slug; "" for the section itself
}

var englishSections = []sectionText{
	{
		slug: "world",
		headlines: []headline{
			{"{country} and {neighbour} sign fisheries agreement after {n} rounds of talks", ""},
			{"Foreign minister visits {neighbour} to discuss rail link", ""},
			{"{neighbour} reopens border crossing at {town} after repairs", ""},
			{"Trade with {neighbour} rises {pct}% in a year, figures show", ""},
			{"Delegation from {neighbour} tours {district} housing projects", ""},
			{"{country} sends {n} firefighting crews to help {neighbour}", ""},
			{"Ferry service between {town} and {neighbour} to resume in spring", ""},
			{"Regional summit in {town} ends with joint statement on shipping", ""},
			{"Students from {neighbour} arrive for exchange year at Almera Polytechnic", ""},
			{"{neighbour} and {country} agree to share weather data", ""},
		},
		deks: []string{
			"The agreement still has to be approved by both parliaments.",
			"Officials on both sides called the talks constructive.",
			"It is the first such visit in {n} years.",
		},
		paras: []string{
			"The agreement, reached after {n} rounds of talks, covers {big} square kilometres of shared waters and sets catch limits for the next {n} years.",
			"Officials from {neighbour} said the deal would give fishing crews in both countries more certainty, while environmental groups welcomed a clause on monitoring fish stocks.",
			"Trade between the two countries reached {money} last year, according to {org}, with machinery and food making up most of it.",
			"The foreign ministry said the visit was planned months ago and was not linked to recent debates in parliament.",
			"Travellers crossing at {town} had faced detours of up to {m} kilometres while the crossing was closed.",
			"Diplomats said a follow-up meeting would take place in {neighbour} before the end of the year.",
		},
		quotes: []string{
			"Neighbours who talk to each other solve problems before they grow.",
			"This is a practical agreement about practical things, and that is why it works.",
		},
		tags: []string{"Diplomacy", "Trade", "Fisheries", "Shipping", "Ferries", "Railways"},
	},
	{
		slug: "politics",
		headlines: []headline{
			{"Council approves plan for {n} new pedestrian crossings in {district}", ""},
			{"{district} councillors back bill to lower voting age in local elections", ""},
			{"{person} named chair of city finance committee", ""},
			{"Councillors clash over parking charges in {district}", ""},
			{"New rules on lobbying to take effect in {month}", ""},
			{"Petition on {district} library hours reaches {big} signatures", ""},
			{"Opposition calls for inquiry into {org} contracts", ""},
			{"City hall to publish meeting minutes within {n} days", ""},
			{"By-election called in {district} after councillor steps down", ""},
			{"Parliament passes bill on open data by {m} votes to {n}", ""},
		},
		deks: []string{
			"The measure passed after a long debate in the council chamber.",
			"Supporters say it will make city hall more open; critics say it goes too far.",
			"The decision comes after months of public consultation.",
		},
		paras: []string{
			"The measure passed by {m} votes to {n} after a debate that lasted more than {n} hours.",
			"Supporters said the change would make decisions at city hall easier to follow, while critics warned of extra costs of {money} a year.",
			"{person}, {role}, said the council had listened to residents who took part in the consultation.",
			"The proposal was first put forward in {pastyear} and was revised twice after objections from {org}.",
			"Council officers will report back on progress within {m} weeks.",
			"Residents of {district} had asked for the change at {n} public meetings over the past year.",
		},
		quotes: []string{
			"People want to see how decisions are made, not just read about them afterwards.",
			"We owe it to the people of {district} to get the details right.",
		},
		tags: []string{"Council", "Parliament", "Elections", "Budget", "Taxes", "Housing"},
	},
	{
		slug: "business",
		headlines: []headline{
			{"{company} to create {big} jobs at new {district} site", ""},
			{"{company} shares rise {pct}% after strong quarter", "markets"},
			{"Almera exchange closes higher for {nth} day in a row", "markets"},
			{"{company} shares slip as investors await central bank", "markets"},
			{"Inflation eases to {pct}% as food prices settle", "economy"},
			{"Unemployment in {country} falls to lowest level in {n} years", "economy"},
			{"Small businesses in {district} report busier summer", ""},
			{"{company} opens training centre for {m} apprentices", ""},
			{"Port traffic up {pct}% as {company} adds new route", "economy"},
			{"Velbank cuts fees for savings accounts by {pct}%", ""},
		},
		deks: []string{
			"The company said demand had been stronger than expected.",
			"Analysts said the figures pointed to a steady year ahead.",
			"The news was welcomed by local business groups.",
		},
		paras: []string{
			"{company} said it would invest {money} over the next {n} years and hire mostly from the surrounding area.",
			"According to {org}, prices rose {pct}% over the year, down from the previous month's figure.",
			"Shares in {company} closed {pct}% higher on the Almera exchange, giving the company a value of about {money}.",
			"The company employs {big} people across {country}, most of them in {district} and {town}.",
			"Business groups said the figures were encouraging but warned that energy costs remained high.",
			"{person}, {role}, said the new site would be built to run mainly on renewable energy.",
			"Analysts expect growth of around {n}% next year if exports to {neighbour} hold up.",
		},
		quotes: []string{
			"We are growing because our customers are growing, and most of them are right here in {city}.",
			"The numbers are good, but one good quarter is not a trend.",
		},
		tags: []string{"Jobs", "Inflation", "Banking", "Startups", "Retail", "Trade", "Shipping", "Taxes"},
	},
	{
		slug: "science",
		headlines: []headline{
			{"Researchers map {big} species in Saltmarsh wetlands", ""},
			{"University of Almera telescope spots rare double star {big} light years away", ""},
			{"Study finds {district} trees cool streets by {n} degrees", ""},
			{"Velmark joins ocean survey with {n} research ships", ""},
			{"{company} funds battery laboratory at Almera Polytechnic", ""},
			{"Seabird numbers near {town} recover, survey shows", ""},
			{"Pupils in {district} help scientists count butterflies", ""},
			{"Geologists explain the {weekday} tremor felt in {town}", ""},
		},
		deks: []string{
			"The findings were published in a peer-reviewed journal.",
			"The team says more work is needed to confirm the results.",
			"Volunteers collected much of the data.",
		},
		paras: []string{
			"The team, led by {person}, collected data over {n} years and recorded {big} observations.",
			"The results were published this week and have been checked by independent reviewers.",
			"{person}, {role}, said the findings could help the city plan new parks and green roofs.",
			"Volunteers from {district} and {town} helped with the fieldwork, the university said.",
			"The project received {money} from the Velmark Research Fund.",
			"Scientists cautioned that the sample was small and that the work would be repeated next year.",
		},
		quotes: []string{
			"Good science starts with careful counting, and our volunteers counted very carefully.",
			"We were surprised by how clear the pattern was.",
		},
		tags: []string{"Research", "Astronomy", "Biology", "Wildlife", "Oceans", "Climate", "Physics", "Chemistry"},
	},
	{
		slug: "technology",
		headlines: []headline{
			{"{company} launches app for booking council services", ""},
			{"Free public wifi extended to {district}", ""},
			{"Fibre broadband to reach {pct}% of homes by next year", ""},
			{"Coding club for pensioners opens in {district}", ""},
			{"City tests sensors to measure air quality at {n} junctions", ""},
			{"{company} releases open-source tool for small charities", ""},
			{"{district} library to lend laptops to students", ""},
			{"New data centre in {town} to run on wind power", ""},
		},
		deks: []string{
			"The service is free to use and collects no personal data beyond what it needs.",
			"The project is part of the city's digital plan.",
			"Residents can try it from next month.",
		},
		paras: []string{
			"The service was built by a team of {n} developers and tested with {big} residents before launch.",
			"According to {org}, about {pct}% of households in {district} still lack a fast connection.",
			"{person}, {role}, said privacy had been considered from the start and that no data would be sold.",
			"The city will spend {money} on the programme over the next {n} years.",
			"Older residents can get help at the {district} library every {weekday} afternoon.",
			"The source code is published so that other towns can reuse it.",
		},
		quotes: []string{
			"Technology should make life simpler for everyone, not only for the people who build it.",
			"We asked residents what they needed and built exactly that.",
		},
		tags: []string{"Software", "Telecoms", "Broadband", "Privacy", "Cybersecurity", "Artificial intelligence"},
	},
	{
		slug: "health",
		headlines: []headline{
			{"New health centre opens in {district}", ""},
			{"Waiting times at Almera General fall for {nth} month", ""},
			{"Flu vaccination clinics to open in {n} pharmacies", ""},
			{"Walking programme for older residents in {district} doubles in size", ""},
			{"Survey finds {pct}% of adults sleep less than seven hours", ""},
			{"Schools in {district} add more fresh vegetables to meals", ""},
			{"Hospital volunteers honoured for {m} years of service", ""},
			{"Mental health helpline to stay open {n} hours longer", ""},
		},
		deks: []string{
			"Health officials say the change will make care easier to reach.",
			"The service is free for all residents.",
			"Doctors welcomed the move.",
		},
		paras: []string{
			"The centre will have {n} doctors and a team of nurses, and will be open six days a week.",
			"According to {org}, average waiting times fell by {pct}% compared with the same month last year.",
			"{person}, {role}, said the aim was to bring care closer to where people live.",
			"The programme costs {money} a year and is paid for by the city and the national health fund.",
			"Residents can book appointments online, by phone or in person at the {district} library.",
			"Doctors advised anyone with questions to speak to their pharmacist first.",
		},
		quotes: []string{
			"Small habits, repeated every day, make the biggest difference to health.",
			"We want nobody in {district} to travel more than ten minutes to see a doctor.",
		},
		tags: []string{"Hospitals", "Public health", "Vaccines", "Nutrition", "Mental health"},
	},
	{
		slug: "culture",
		headlines: []headline{
			{"{venue} announces season of {n} new plays", ""},
			{"Open-air film nights return to {district}", ""},
			{"Restored murals unveiled in {district} market hall", ""},
			{"{venue} to open free on the first {weekday} of each month", ""},
			{"Young actors from {district} take their play to {neighbour}", ""},
		},
		deks: []string{
			"Organisers say tickets are selling fast.",
			"The programme mixes new work with old favourites.",
		},
		paras: []string{
			"The season at {venue} opens in {month} with {n} premieres, half of them by writers from {country}.",
			"{person}, {role}, said the aim was to bring people from every district into the city's theatres and galleries.",
			"The programme received {money} from the Almera Arts Council.",
			"Tickets for students and pensioners cost half price on {weekday} evenings.",
			"Reviewers praised the staging and the young cast of the opening production.",
			"Volunteers from {district} helped build the sets and run the front of house.",
		},
		quotes: []string{
			"Culture is not a luxury. It is how a city talks to itself.",
			"We want people who have never been inside a theatre to feel at home here.",
		},
		tags: []string{"Theatre", "Film", "Art", "Festivals", "Museums", "Heritage"},
	},
	{
		slug: "culture",
		headlines: []headline{
			{"Almera Book Festival draws {big} visitors", "books"},
			{"Debut novel set in {district} wins Velmark Prize", "books"},
			{"Library of {town} celebrates its {mth} birthday", "books"},
			{"Poets from {n} countries gather in {city} for reading week", "books"},
		},
		deks: []string{
			"Readers queued around the block.",
			"It is the biggest literary event in {country}.",
		},
		paras: []string{
			"Readers came from across {country} for {n} days of readings, talks and signings, the organisers said.",
			"The winning novel follows three generations of a family in {district}, from the years of the old port to today.",
			"{person}, {role}, said the number of young readers at the events had grown every year.",
			"Libraries in {city} lent {big} books last month, according to {org}.",
			"The prize comes with {money} for the author's next project.",
			"Several of the events were held in the reading room of the {district} library.",
		},
		quotes: []string{
			"A city that reads is a city that argues well.",
			"I wrote it for my grandmother, who never saw her street in a book.",
		},
		tags: []string{"Books", "Libraries", "Festivals"},
	},
	{
		slug: "culture",
		headlines: []headline{
			{"Almera Philharmonic premieres symphony by {district} composer", "music"},
			{"Jazz week fills {n} venues across the city", "music"},
			{"Choir from {district} wins national competition", "music"},
			{"Free summer concerts return to {district} park", "music"},
		},
		deks: []string{
			"The audience stood for several minutes at the end.",
			"Music lovers filled every seat.",
		},
		paras: []string{
			"The concert at the Almera Concert Hall drew a full house of {big} listeners.",
			"{person}, {role}, said the orchestra had rehearsed the new work for {n} weeks.",
			"The choir's {m} singers range in age from sixteen to eighty.",
			"The festival received {money} from the Almera Arts Council and local businesses.",
			"Tickets for students and pensioners cost half price on {weekday} evenings.",
			"Several of the concerts will be broadcast on the city's community radio.",
		},
		quotes: []string{
			"Music is the one language everyone in this city speaks.",
			"We sang for our neighbours first, and they carried us all the way.",
		},
		tags: []string{"Music", "Festivals"},
	},
	{
		slug: "sport",
		headlines: []headline{
			{"{team} beat {team2} {score1}-{score2} in league match", "football"},
			{"Late goal gives {team} draw at {team2}", "football"},
			{"{team} appoint new head coach", "football"},
			{"{team} knocked out of the cup by {team2}", "football"},
		},
		deks: []string{
			"The result moves them up to {nth} place in the table.",
			"Supporters celebrated long into the evening.",
		},
		paras: []string{
			"{team} took the lead after {m} minutes and held on despite late pressure from {team2}.",
			"A crowd of {big} watched the match, the largest at the ground this season.",
			"{person}, {role}, said the club had worked hard on its youth programme.",
			"The club's academy in {district} trains {m}0 young players.",
			"The next fixture is on {weekday}, away to {team2}.",
		},
		quotes: []string{
			"The players gave everything today, and the supporters carried us through the last ten minutes.",
			"We know what this club means to the city.",
		},
		tags: []string{"Football"},
	},
	{
		slug: "sport",
		headlines: []headline{
			{"Almera Marathon attracts record {big} runners", ""},
			{"Rowing crew from {district} wins national title", ""},
			{"Sailing regatta returns to the Wend with {m} boats", ""},
			{"Velmark tennis player reaches semi-final in {neighbour}", ""},
			{"New athletics track opens in {district}", ""},
		},
		deks: []string{
			"Organisers called it the best edition yet.",
			"Spectators lined the route from early morning.",
		},
		paras: []string{
			"Competitors from {n} clubs across {country} and {neighbour} took part, the organisers said.",
			"{person}, {role}, said the result was the reward for years of early mornings on the water and the track.",
			"About {big} spectators turned out despite the wind.",
			"The city has spent {money} on sports grounds in {district} over the past {n} years.",
			"Schools in {district} will be able to use the facilities during the week.",
			"The next competition is planned for {month}.",
		},
		quotes: []string{
			"Sport belongs to everyone in this city, not just to the people who win.",
			"We trained in the dark all winter for a day like this.",
		},
		tags: []string{"Athletics", "Sailing", "Tennis", "Rowing"},
	},
	{
		slug: "opinion",
		headlines: []headline{
			{"Our view: {district} deserves a proper bus service", ""},
			{"Letters: on parking in {district}, parks and the price of coffee", ""},
			{"Our view: the {district} library is worth every crown", ""},
			{"Why {city} should plant {big} more trees", ""},
			{"Letters: {district} readers respond to the school meals plan", ""},
			{"Our view: openness at city hall is a habit, not a project", ""},
		},
		deks: []string{
			"{paper}'s editorial board on a decision that affects every resident.",
			"Readers write to the editor.",
		},
		paras: []string{
			"Every resident of {district} knows the problem: a service that runs too rarely and stops too early.",
			"The council has the money, {money} set aside in this year's budget, and it has the plans.",
			"What it lacks is a deadline. Residents have waited {n} years; they should not wait another.",
			"Readers who wrote to us this week were divided, but almost all agreed on one point: the current rules are hard to understand.",
			"Other cities have shown that small changes, tried quickly and measured honestly, work better than grand plans.",
			"We will keep following the issue and publishing readers' letters about it.",
		},
		quotes: []string{
			"I have lived in {district} for {m} years and never seen the street so busy.",
			"Please, just tell us when the work will finish.",
		},
		tags: []string{"Editorial", "Letters", "Council", "Parks", "Transport"},
	},
	{
		slug: "local",
		headlines: []headline{
			{"Tram line to {district} to run every {n} minutes", "transport"},
			{"Cycle lanes planned on {m} streets in {district}", "transport"},
			{"Night buses return to {district}", "transport"},
			{"New playground opens in {district} park", ""},
			{"Market hall in {district} reopens after renovation", ""},
			{"{district} residents plant {big} bulbs along the river", ""},
			{"Street festival closes {district} roads on {weekday}", ""},
			{"Volunteers clean {n} kilometres of the Wend riverbank", ""},
			{"Historic clock in {district} keeps time again", ""},
		},
		deks: []string{
			"Residents have campaigned for the change for years.",
			"The work is expected to finish before the summer.",
			"Neighbours turned out in large numbers.",
		},
		paras: []string{
			"The work will cost {money} and is expected to take {n} months, the council said.",
			"Residents of {district} had collected {big} signatures asking for the change.",
			"{person}, {role}, said the neighbourhood had been waiting a long time for good news.",
			"Diversions will be in place on {weekday} mornings while crews are working.",
			"{org} said it would publish a timetable on its website and at stops in {district}.",
			"Local schools have been invited to help plan the next stage.",
		},
		quotes: []string{
			"It is the small things that make a street feel like home.",
			"We asked for it, we waited, and now it is finally here.",
		},
		tags: []string{"Transport", "Parks", "Cycling", "Roads", "Volunteering", "Heritage", "Housing"},
	},
}

// genericParas fit any everyday article.
var genericParas = []string{
	"More details are expected to be published in the coming weeks, officials said.",
	"{paper} asked {org} for comment; a spokesperson said a statement would follow.",
	"Not everyone is convinced. {person2}, {role2}, said the plan left important questions unanswered.",
	"Figures from {org} show a similar pattern in {town} and other towns across {country}.",
	"A public meeting on the subject is planned for {weekday} evening in {district}.",
	"The idea is not new: it was first discussed in {pastyear}, but was put aside for lack of money.",
	"For many residents of {district}, the change will be felt within weeks.",
	"The decision can still be reviewed if new information comes to light, officials said.",
	"Supporters say the cost, about {money}, will be recovered within {n} years.",
	"The full announcement is on [the city's website](https://example.org/almera/news).",
}

// subheads open the second half of a long article.
var subheads = []string{
	"What happens next", "Background", "What it means for residents", "The numbers", "Reactions",
	"How we got here", "The details",
}

// listIntros and listItems make the occasional bulleted list.
var listIntros = []string{
	"The main points:", "What changes:", "Key figures:", "At a glance:",
}

var listItems = []string{
	"**Cost:** {money}", "**Start:** {month}", "**People affected:** about {big}", "**Duration:** {n} months",
	"**Responsible:** {org}", "**Area:** {district} and {district2}", "**Change on last year:** {pct}%",
	"**More information:** [the council's website](https://example.org/almera/council)",
}

// attributions follow a block quote.
var attributions = []string{"— {person}, {role}", "— {person}"}
