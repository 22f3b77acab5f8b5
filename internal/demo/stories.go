package demo

// storyText is a running story: beats in the order they happen, each with
// a headline, the event later reports cite ("On April 12, <event>.") and a
// lead paragraph. Beats marked again may happen more than once (a second
// strike, another delay) when a story needs more installments than it has
// beats. Speakers in quotes are made-up people of the story.
type storyText struct {
	name, slug, description string
	section                 string // section or subsection slug
	// ongoing stories run up to the day before End, so the front page
	// shows one; the others end at some time in the past three years.
	ongoing    bool
	tags       []string
	deks       []string
	beats      []beat
	background []string
	quotes     []quote
	next       []string
}

// capacity is how many articles the story can fill without repeating
// itself much: every beat once, and those that may recur twice more.
func (st *storyText) capacity() int {
	n := len(st.beats)
	for _, b := range st.beats {
		if b.again {
			n += 2
		}
	}
	return n
}

type beat struct {
	headline, event, lead string
	again                 bool
}

type quote struct {
	text, speaker string
}

var stories = []storyText{
	{
		name:        "The Wend Crossing",
		slug:        "wend-crossing",
		description: "Building the new bridge over the River Wend between Harbourside and Northgate.",
		section:     "transport",
		tags:        []string{"Wend Crossing", "Transport", "Harbourside", "Northgate"},
		deks: []string{
			"The bridge will carry trams, cyclists and walkers across the river.",
			"It is the largest building project in the city for a generation.",
			"Residents on both banks are following every step.",
		},
		beats: []beat{
			{"Council backs new bridge across the Wend between Harbourside and Northgate", "the council voted {m} to {n} to build the Wend Crossing", "The city council voted {m} to {n} on {weekday} to build a bridge across the River Wend, linking Harbourside with Northgate for trams, cyclists and walkers.", false},
			{"Harbour & Crane wins contract to build the Wend Crossing", "the city awarded the construction contract to Harbour & Crane", "The city has chosen Harbour & Crane to build the Wend Crossing, in a contract worth {money}.", false},
			{"Work begins on the Wend Crossing as first piles are driven", "crews drove the first piles into the riverbed", "Crews drove the first steel piles into the bed of the Wend on {weekday}, marking the start of work on the bridge.", false},
			{"Wend Crossing delayed by {n} weeks after soft clay found", "engineers reported a layer of soft clay that delayed piling by {n} weeks", "Piling for the Wend Crossing will take {n} weeks longer than planned after engineers found a layer of soft clay under the river.", true},
			{"Cost of the Wend Crossing rises by {money}", "the city said the cost of the bridge had risen by {money}", "The cost of the Wend Crossing has risen by {money}, the city said on {weekday}, blaming the price of steel and the delays to piling.", true},
			{"Independent review backs Wend Crossing design", "an independent review found the design sound", "An independent review of the Wend Crossing has found its design sound and its budget realistic, though it asked for closer checks on the steelwork.", false},
			{"Storm damages crane at Wend Crossing site; nobody hurt", "a storm damaged a crane at the site, though nobody was hurt", "High winds damaged one of the cranes on the Wend Crossing site overnight. The site was empty and nobody was hurt.", false},
			{"First deck section lifted into place on the Wend Crossing", "the first section of the deck was lifted into place", "A {m}-metre section of deck was lifted into place on the Wend Crossing on {weekday}, the first of {n} sections.", false},
			{"River traffic near the Wend Crossing restricted for {n} weeks", "the harbour master restricted river traffic near the site for {n} weeks", "Boats on the Wend will have to wait for a pilot near the bridge site for the next {n} weeks while deck sections are lifted.", true},
			{"Another {m}-metre deck section lifted onto the Wend Crossing", "another {m}-metre section of deck was lifted into place", "Crews lifted another {m}-metre section of deck onto the Wend Crossing on {weekday}, working through the night to keep the river open by day.", true},
			{"Wend Crossing to open in {month}, city says", "the city announced an opening date", "The Wend Crossing will open to the public in {month}, the city said on {weekday}, after the last deck section was bolted into place.", false},
			{"Residents get first walk across the Wend Crossing", "{big} residents walked across the bridge on a preview day", "About {big} people crossed the Wend on foot on {weekday} as the new bridge opened for a preview day.", false},
			{"Wend Crossing opens to trams, walkers and cyclists", "the bridge opened to the public", "The Wend Crossing opened on {weekday}, and the first tram crossed the river at dawn with {n} passengers on board.", false},
		},
		background: []string{
			"A bridge at this point of the river was first proposed decades ago. Until now, people crossing between Harbourside and Northgate have had to take the ferry or a {n}-kilometre detour.",
			"The bridge is designed to carry two tram tracks, a cycle path and a wide footpath, but no cars.",
			"The project is paid for by the city and the national infrastructure fund, with a budget set at {money} when the council approved it.",
		},
		quotes: []quote{
			{"We are building something that people will cross every day for a hundred years. It has to be right.", "Ottilie Brandvik, the project director"},
			{"Harbourside has waited long enough to be joined to the rest of the city.", "Cassius Fenn, councillor for Harbourside"},
			{"Every delay costs money, and every crown is the public's.", "Rupert Calloway, chair of the city finance committee"},
		},
		next: []string{
			"The city will publish its next progress report on the bridge within {n} weeks.",
			"Residents can follow the work from a viewing platform on the Harbourside bank, open every day until dusk.",
		},
	},
	{
		name:        "City budget dispute",
		slug:        "city-budget-dispute",
		description: "The standoff between Mayor Ilse Tarrow and the city council over the annual budget.",
		section:     "politics",
		tags:        []string{"City budget", "Budget", "Council"},
		deks: []string{
			"Without an agreement, some city services could be frozen.",
			"Both sides say they want to protect libraries and road repairs.",
			"The dispute is the longest over a budget in the city's recent history.",
		},
		beats: []beat{
			{"Mayor Tarrow proposes budget of {money} with cuts to road repairs", "Mayor Ilse Tarrow presented a budget that cut spending on road repairs", "Mayor Ilse Tarrow has proposed a city budget of {money}, with cuts of {pct}% to road repairs to pay for more school places.", false},
			{"Councillors reject mayor's budget in first vote", "the council rejected the mayor's budget by {m} votes to {n}", "The city council rejected Mayor Ilse Tarrow's budget by {m} votes to {n} on {weekday}, sending it back for changes.", false},
			{"Budget talks stall over {money} for libraries", "talks between the mayor's office and the finance committee stalled over {money} for libraries", "Talks on the city budget stalled on {weekday} after the two sides failed to agree on {money} of spending on libraries.", true},
			{"City warns of spending freeze if no budget by {month}", "the city treasurer warned of a spending freeze", "The city treasurer has warned that spending on everything except essential services will be frozen if no budget is passed by {month}.", false},
			{"Residents pack town hall for budget hearing", "more than {big} residents attended a public hearing on the budget", "More than {big} residents came to a public hearing on the city budget on {weekday}, many of them to speak up for their local library.", false},
			{"Unions join call for compromise on city budget", "unions representing city workers called for a compromise", "Unions representing {big} city workers have called on the mayor and the council to settle their differences over the budget.", false},
			{"Mayor offers to restore library hours in revised budget", "the mayor offered to restore library hours", "Mayor Ilse Tarrow offered on {weekday} to restore library opening hours, in a revised budget that trims {money} from administration.", false},
			{"Finance committee publishes its own budget", "the finance committee published a rival budget", "The council's finance committee has published a budget of its own, which keeps road repairs at last year's level and raises parking charges.", false},
			{"Temporary budget keeps city services running for {n} more weeks", "the council passed a temporary budget to keep services running for {n} weeks", "The council passed a temporary budget on {weekday} to keep city services running for another {n} weeks while talks continue.", true},
			{"Mayor and council reach budget deal", "the mayor and the council reached a deal", "Mayor Ilse Tarrow and the council's finance committee reached a deal on the city budget late on {weekday}.", false},
			{"Council passes budget of {money} after months of dispute", "the council passed the final budget", "The city council passed a budget of {money} on {weekday} by {m} votes to {n}, ending months of dispute.", false},
		},
		background: []string{
			"The city's budget pays for schools, libraries, parks, road repairs and the salaries of {big} staff. It must be approved by the council each year.",
			"The mayor and the council majority have disagreed over spending since the last election, but previous budgets passed without a freeze.",
			"Under city rules, a temporary budget can keep services running for up to {n} months.",
		},
		quotes: []quote{
			{"A budget is a list of promises. I will not sign one we cannot keep.", "Mayor Ilse Tarrow"},
			{"Our job is to scrutinise, and we will keep doing it.", "Rupert Calloway, chair of the finance committee"},
			{"Libraries are where my children do their homework. Please keep them open.", "a parent at the public hearing"},
		},
		next: []string{
			"The finance committee meets again next {weekday}.",
			"The full budget documents are published on [the council's website](https://example.org/almera/budget).",
		},
	},
	{
		name:        "The long dry",
		slug:        "drought",
		description: "Velmark's drought: reservoirs, farms, rivers and the rain that took months to come.",
		section:     "science",
		tags:        []string{"Drought", "Water", "Weather", "Agriculture"},
		deks: []string{
			"Forecasters see no lasting rain in the weeks ahead.",
			"Farmers, gardeners and the river itself are feeling the strain.",
			"Officials say every litre saved now helps later in the year.",
		},
		beats: []beat{
			{"Driest spring in {m} years leaves reservoirs at {pct}%", "the National Weather Service said the spring had been the driest in {m} years", "The spring has been the driest in {m} years, the National Weather Service said on {weekday}, and the city's reservoirs are only {pct}% full.", false},
			{"Water Board asks residents to save water", "the Water Board asked residents to cut their use voluntarily", "The Almera Water Board has asked residents to take shorter showers and to stop watering lawns, in the hope of avoiding a ban.", false},
			{"Farmers in {town} warn of poor harvest", "farmers in {town} warned of a poor harvest", "Farmers around {town} say their wheat is {pct}% behind a normal year and are asking for help with the cost of irrigation.", false},
			{"Hosepipe ban announced for {city}", "the Water Board announced a hosepipe ban", "A hosepipe ban will come into force in {city} from {weekday}, the Water Board said, the first in {m} years.", false},
			{"Reservoir levels fall to {pct}%", "reservoir levels fell to {pct}%", "The reservoirs that supply {city} are now {pct}% full, down from {m}% a month ago.", true},
			{"Hosepipe ban extended by {n} weeks", "the Water Board extended the hosepipe ban by {n} weeks", "The hosepipe ban in {city} will last at least {n} more weeks, the Water Board said on {weekday}, as reservoirs kept falling.", true},
			{"River Wend at its lowest level on record", "the Wend fell to its lowest level on record", "The River Wend fell to its lowest level since records began on {weekday}, exposing sandbanks near the harbour.", false},
			{"Fire risk high in Briarwood forest, rangers say", "rangers closed parts of Briarwood forest because of the risk of fire", "Rangers have closed {n} trails in Briarwood forest and banned barbecues, saying the risk of fire is the highest they have recorded.", false},
			{"Emergency pipeline to bring water from {town}", "the government approved an emergency pipeline from {town}", "The government has approved a {m}-kilometre emergency pipeline to bring water from the lakes near {town} to the city.", false},
			{"{n} millimetres of rain bring little relief as drought continues", "{n} millimetres of rain brought little relief", "Just {n} millimetres of rain fell on {city} on {weekday}, far too little to end the drought, forecasters said.", true},
			{"Hosepipe ban lifted after weeks of steady rain", "the Water Board lifted the hosepipe ban", "The Water Board lifted the hosepipe ban on {weekday} after {n} weeks of steady rain brought the reservoirs back to {pct}%.", false},
			{"After the drought: how the city plans to save water", "the city published its plan to prepare for future droughts", "The city has published a plan to prepare for future droughts, including {money} to fix leaking pipes.", false},
		},
		background: []string{
			"Port Almera draws most of its water from three reservoirs in the hills north of the city, which are normally refilled by winter rain.",
			"Leaking pipes lose about {pct}% of the water the city treats, according to the Water Board.",
			"Scientists at the Velmark Institute of Science say dry springs have become more frequent over the past {m} years.",
		},
		quotes: []quote{
			{"Every litre we save in spring is a litre we have in August.", "Hanne Vosk, director of the Almera Water Board"},
			{"I have farmed here for forty years and never seen the soil like this.", "a farmer near Eskerby"},
			{"One wet week does not end a drought. We need a wet season.", "a forecaster at the National Weather Service"},
		},
		next: []string{
			"The Water Board publishes reservoir levels every {weekday} on its website.",
			"Residents can ask for a free water-saving kit at any city library.",
		},
	},
	{
		name:        "Mayoral election",
		slug:        "mayoral-election",
		description: "The campaign for mayor of Port Almera: the candidates, the debates and the vote.",
		section:     "politics",
		ongoing:     true,
		tags:        []string{"Mayoral election", "Elections", "Council"},
		deks: []string{
			"Three candidates are competing to lead the city for the next four years.",
			"Housing and transport dominate the campaign.",
			"Turnout is expected to be the highest in years.",
		},
		beats: []beat{
			{"Election date set for mayor of {city}", "the electoral commission set the date of the mayoral election", "The electoral commission has set the date of the election for mayor of {city}, opening a campaign that is expected to focus on housing.", false},
			{"Jonas Averill launches campaign for mayor", "Jonas Averill of Green Harbour launched his campaign", "Jonas Averill, the Green Harbour councillor for {district}, launched his campaign for mayor on {weekday} at a tram depot.", false},
			{"Mayor Tarrow to seek a second term", "Mayor Ilse Tarrow said she would seek a second term", "Mayor Ilse Tarrow of the Civic Alliance said on {weekday} that she would run for a second term.", false},
			{"Independent Marguerite Osterhaut enters mayoral race", "the independent Marguerite Osterhaut entered the race", "Marguerite Osterhaut, a former head teacher from {district}, is running for mayor as an independent.", false},
			{"Poll puts Tarrow and Averill level on {pct}%", "a poll put Ilse Tarrow and Jonas Averill level on {pct}%", "A poll for {paper} puts Ilse Tarrow and Jonas Averill level on {pct}%, with Marguerite Osterhaut on {n}%.", true},
			{"Candidates spar over housing in first debate", "the candidates met for their first debate, which focused on housing", "The three candidates for mayor clashed over housing in their first debate on {weekday}, watched by {big} people in the hall and online.", false},
			{"Averill promises free trams at weekends", "Jonas Averill promised free weekend trams", "Jonas Averill has promised free trams at weekends if elected, at a cost he puts at {money} a year.", false},
			{"Tarrow unveils plan for {big} new homes", "Ilse Tarrow unveiled a plan for {big} new homes", "Mayor Ilse Tarrow unveiled a plan on {weekday} to build {big} homes over four years, mostly on former industrial land.", false},
			{"Candidates debate transport in {district}", "the candidates debated transport at a meeting in {district}", "Transport took centre stage at a candidates' meeting in {district} on {weekday}, where residents asked about night buses and cycle lanes.", true},
			{"Record number register to vote", "the electoral commission reported a record number of registered voters", "More than {big} people have registered to vote in the mayoral election, a record, the electoral commission said.", false},
			{"Final debate: candidates make their closing case", "the three candidates met for their final debate", "The three candidates for mayor met for their final debate on {weekday}, each promising to listen more than the others.", false},
			{"Polls open in the mayoral election", "polls opened across the city", "Polling stations opened across {city} at seven this morning. Results are expected overnight.", false},
		},
		background: []string{
			"The mayor of {city} is elected every four years and leads the city's administration, while the council approves budgets and by-laws.",
			"Ilse Tarrow won the last election with {pct}% of the vote in the second round.",
			"Voters can cast their ballot at {n} polling stations or by post.",
		},
		quotes: []quote{
			{"This city needs homes that people can afford, and it needs them now.", "Jonas Averill, the Green Harbour candidate"},
			{"I have a record, and I am proud to run on it.", "Mayor Ilse Tarrow"},
			{"People are tired of parties. They want someone who will just fix things.", "Marguerite Osterhaut, the independent candidate"},
		},
		next: []string{
			"{paper} will publish a guide to every candidate's programme before the vote.",
			"Information on how to register and where to vote is on [the electoral commission's website](https://example.org/almera/vote).",
		},
	},
	{
		name:        "Transit strike",
		slug:        "transit-strike",
		description: "Tram and bus drivers' dispute with the Port Almera Transit Authority over pay.",
		section:     "business",
		tags:        []string{"Transit strike", "Transport", "Jobs"},
		deks: []string{
			"Commuters are advised to check before they travel.",
			"The dispute is about pay and the length of shifts.",
			"Both sides say they want to keep talking.",
		},
		beats: []beat{
			{"Tram and bus drivers vote to strike over pay", "tram and bus drivers voted to strike over pay", "Tram and bus drivers in {city} have voted by {pct}% to strike over pay, the Almera Transport Workers' Union said on {weekday}.", false},
			{"First 24-hour transit strike halts trams across {city}", "a 24-hour strike halted trams and buses across the city", "No trams or buses ran in {city} on {weekday} during the first 24-hour strike by drivers in {m} years.", false},
			{"Transit talks break down after {n} hours", "talks between the union and the Transit Authority broke down after {n} hours", "Talks between the drivers' union and the Port Almera Transit Authority broke down on {weekday} after {n} hours.", true},
			{"Commuters turn to bikes and ferries during strike", "commuters turned to bicycles and ferries", "Ferries carried {big} extra passengers and the city's bike-share scheme had its busiest day on record as the strike went on.", false},
			{"Transit strike called for {weekday} as talks falter", "the union called another strike, for {weekday}", "The Almera Transport Workers' Union has called another 24-hour strike for {weekday}, saying the latest pay offer was not enough.", true},
			{"Old Town businesses report lost trade from strike", "Old Town businesses reported lost trade", "Shops and cafés in the Old Town say takings fell by up to {pct}% on strike days.", false},
			{"Mediator appointed in transit dispute", "a mediator was appointed", "A mediator has been appointed to help the union and the Transit Authority settle their dispute over pay.", false},
			{"Transit Authority improves pay offer to {pct}%", "the Transit Authority offered a {pct}% pay rise", "The Port Almera Transit Authority has offered drivers a pay rise of {pct}% over two years and shorter maximum shifts.", false},
			{"Union members to vote on new offer", "the union put the new offer to its members", "Drivers will vote on the Transit Authority's new offer over the next {n} days, the union said, without recommending it either way.", false},
			{"Drivers accept deal, ending transit dispute", "drivers accepted the deal, ending the dispute", "Tram and bus drivers have accepted the new pay deal by {pct}%, ending a dispute that lasted months.", false},
		},
		background: []string{
			"The Transit Authority runs {n} tram lines and {m} bus routes and carries about {big} passengers on a typical weekday.",
			"Drivers' pay has risen by less than prices over the past three years, according to the union.",
			"The Transit Authority says fares cover only about {pct}% of its costs, with the rest paid by the city.",
		},
		quotes: []quote{
			{"Nobody wants to strike. Our members want a wage they can live on in this city.", "Dagny Hollesen, general secretary of the Almera Transport Workers' Union"},
			{"We have made a fair offer and our door remains open.", "Everett Quill, chief executive of the Transit Authority"},
			{"I walked an hour to work today. I hope they sort it out soon.", "a commuter in {district}"},
		},
		next: []string{
			"Updates on services are posted on the Transit Authority's website and at every stop.",
			"The mediator is expected to report within {n} weeks.",
		},
	},
	{
		name:        "Copper Quay redevelopment",
		slug:        "copper-quay",
		description: "Turning the old Copper Quay docks into homes, a park and a school.",
		section:     "economy",
		tags:        []string{"Copper Quay", "Housing", "Architecture"},
		deks: []string{
			"The docks have stood empty since the cargo port moved downstream.",
			"The plan would bring thousands of residents to the waterfront.",
			"Neighbours want a say in what gets built.",
		},
		beats: []beat{
			{"Harbour Trust unveils plan to redevelop Copper Quay docks", "the Harbour Trust unveiled its plan for the Copper Quay docks", "The Harbour Trust has unveiled a plan to turn the disused Copper Quay docks into {big} homes, offices and a waterfront park.", false},
			{"Residents raise concerns over height of Copper Quay towers", "residents objected to the height of the planned towers", "Residents of {district} told a public meeting on {weekday} that the planned towers at Copper Quay were too tall for the neighbourhood.", false},
			{"Archaeologists find old dock walls at Copper Quay", "archaeologists uncovered the old dock walls", "Archaeologists working ahead of construction at Copper Quay have uncovered stone dock walls thought to be more than {m}0 years old.", false},
			{"Copper Quay plan revised to add a park and a school", "the plan was revised to add a park and a school", "The Harbour Trust has revised its Copper Quay plan, lowering the tallest building by {n} floors and adding a primary school.", false},
			{"Council grants planning permission for Copper Quay", "the council granted planning permission", "The council's planning committee approved the Copper Quay redevelopment on {weekday} by {m} votes to {n}.", false},
			{"Affordable share of Copper Quay homes raised to {pct}%", "the share of affordable homes was raised to {pct}%", "{pct}% of the homes at Copper Quay will be affordable, up from the original plan, after an agreement with the city.", false},
			{"Work starts on {big} more homes at Copper Quay", "work began on another {big} homes", "Cranes returned to Copper Quay on {weekday} as work began on the next {big} homes.", true},
			{"Copper Quay builders promise quieter nights after {m} complaints", "builders promised quieter nights after {m} complaints from neighbours", "The builders at Copper Quay have promised to stop noisy work by eight in the evening after {m} complaints from neighbours in {district}.", true},
			{"First residents move into Copper Quay homes", "the first residents moved in", "The first {n} families moved into their new homes at Copper Quay on {weekday}.", false},
			{"Copper Quay market hall opens", "the market hall opened", "The restored market hall at Copper Quay opened on {weekday} with {m} stalls selling food, books and crafts.", false},
			{"Copper Quay promenade opens to the public", "the waterfront promenade opened", "A {m}0-metre promenade along the old docks at Copper Quay opened to the public on {weekday}.", false},
		},
		background: []string{
			"Copper Quay was once the busiest part of the port, but cargo ships moved to deeper berths downstream and the docks have been empty for years.",
			"The Harbour Trust owns most of the land and is working with the city and several builders.",
			"The site covers about {m} hectares between {district} and the river mouth.",
		},
		quotes: []quote{
			{"This is a chance to give the waterfront back to the people of the city.", "Rosamund Pell, chief executive of the Harbour Trust"},
			{"We are not against new homes. We are against being ignored.", "a member of the Copper Quay Neighbours group"},
			{"Those walls tell the story of the port. We are glad they will be kept.", "an archaeologist on the site"},
		},
		next: []string{
			"Plans and drawings can be seen at the Harbour Trust's office on the quay on weekdays.",
			"The next public meeting on the project is planned for {month}.",
		},
	},
	{
		name:        "Almera General's new wing",
		slug:        "almera-general-new-wing",
		description: "Building the new wing of Almera General Hospital.",
		section:     "health",
		tags:        []string{"Almera General", "Hospitals", "Public health"},
		deks: []string{
			"The wing will add beds, operating theatres and a children's unit.",
			"Hospital managers say the work will not affect care.",
			"It is the biggest change to the hospital since it opened.",
		},
		beats: []beat{
			{"Almera General to get new wing with {m}0 beds", "the government approved a new wing for Almera General", "Almera General Hospital will get a new wing with {m}0 beds and {n} operating theatres, the health ministry said on {weekday}.", false},
			{"Design for Almera General's new wing unveiled", "the hospital unveiled the design of the new wing", "The design of Almera General's new wing was unveiled on {weekday}: five storeys of timber and glass around a garden courtyard.", false},
			{"Construction begins on Almera General's new wing", "construction of the new wing began", "Building work on the new wing of Almera General began on {weekday} and is expected to take {n} years.", false},
			{"{m}0 parking spaces at Almera General to close during building work", "the hospital closed {m}0 parking spaces for the building work", "About {m}0 parking spaces at Almera General will close during the building work, and the hospital is urging visitors to come by tram.", true},
			{"Almera General wing on schedule and within its {money} budget", "the hospital board said the work was on schedule and within its {money} budget", "Work on Almera General's new wing is on schedule and within its budget of {money}, the hospital board said on {weekday}.", true},
			{"Almera General's new wing to include a children's unit", "the hospital said the wing would include a children's unit", "The new wing at Almera General will include a children's unit with {m} beds and rooms where parents can stay overnight.", false},
			{"Almera General recruits staff for its new wing", "the hospital began recruiting staff for the wing", "Almera General is recruiting {big} nurses, doctors and other staff for its new wing.", false},
			{"Patients move into Almera General's new wing", "the first patients moved into the new wing", "The first patients moved into the new wing of Almera General on {weekday}.", false},
		},
		background: []string{
			"Almera General is the city's largest hospital and treats about {big} patients a year.",
			"The new wing is paid for by the national health fund at a cost of {money}.",
			"The hospital's oldest buildings will be refurbished once the new wing is open.",
		},
		quotes: []quote{
			{"Patients will notice the light first. Staff will notice the space.", "Tobias Ferrand, chief executive of Almera General"},
			{"We have been working in corridors for too long.", "a nurse at Almera General"},
			{"Our priority is that care continues as normal throughout.", "a hospital spokesperson"},
		},
		next: []string{
			"The hospital posts updates on the building work on its website every month.",
			"Visitors are asked to check which entrance to use before they travel.",
		},
	},
}
