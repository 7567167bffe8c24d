package synth

// This file holds the words listings are made of. "{Place}" in a pattern
// stands for a town or district name. The tables are read-only; New turns
// them into the banks a Generator draws from.

// when is the part of the day a kind of group usually meets.
type when uint8

const (
	anytime when = iota
	mornings
	middays
	daytime
	evenings
)

// kindText is the vocabulary of one kind of support.
type kindText struct {
	// Relative weights among services at a venue, phone-only services
	// and online-only services. A zero weight means the kind is never
	// offered that way.
	venue, phone, online float64
	when                 when
	names                []string
	sentences            []string
	words                []string // what people type when looking for it
	who                  string   // eligibility in words, when the kind implies one
	free                 bool     // never charged for, as advice and helplines are not
	related              []string // kinds often listed alongside it
}

// kindTexts is keyed by taxonomy term id (data/taxonomy.json).
var kindTexts = map[string]kindText{
	"befriending": {
		free:  true,
		venue: 3, phone: 6, online: 1, when: daytime,
		names: []string{"{Place} Befriending Service", "Telephone Befriending", "{Place} Good Neighbours Befriending",
			"Friendly Call Service", "Home Visiting Befriending", "{Place} Befrienders", "Tea and Chat",
			"Befriending for Older People", "Link Up Befriending"},
		sentences: []string{
			"A friendly volunteer visits you at home each week for a cup of tea and a chat.",
			"If you are feeling lonely or cut off, we can match you with a volunteer who shares your interests.",
			"Our volunteers phone for a chat once or twice a week, so you always have someone to talk to.",
			"Befriending is for people who would like more company, especially after a move, an illness or losing a partner.",
			"We can also help you get out and about, to the shops, a café or a local group.",
			"All our befrienders are trained and DBS checked.",
			"Support is free and lasts as long as you need it.",
			"Many people tell us a regular call is the thing they look forward to most each week.",
		},
		words:   []string{"lonely", "loneliness", "company", "befriending", "someone to talk to", "friendly call", "isolated", "home visit", "chat"},
		related: []string{"social-groups", "helplines", "lunch-clubs"},
	},
	"lunch-clubs": {
		venue: 4, when: middays,
		names: []string{"{Place} Lunch Club", "Friendship Lunch Club", "{Place} Luncheon Club", "Community Lunch",
			"Over 60s Lunch Club", "Wednesday Lunch Club", "{Place} Pop-in Lunch", "Pensioners' Lunch Club", "Warm Welcome Lunch"},
		sentences: []string{
			"Enjoy a hot two-course meal in good company.",
			"A home-cooked lunch followed by a quiz, bingo or a sing-along.",
			"Transport can be arranged for people who cannot get here on their own.",
			"It is a great way to make new friends and get out of the house.",
			"We can cater for special diets if you let us know in advance.",
			"Many of our members live alone and enjoy the company as much as the food.",
			"Volunteers serve lunch and stay for a chat over pudding.",
		},
		words:   []string{"lunch club", "lunch", "hot meal", "meal", "company", "older people", "pensioners", "dinner"},
		who:     "Older people, especially those who live alone.",
		related: []string{"social-groups", "food-support", "befriending"},
	},
	"social-groups": {
		venue: 12, online: 4, when: anytime,
		names: []string{"{Place} Coffee Morning", "Tea and Chat", "{Place} Friendship Group", "Community Drop-in",
			"{Place} Social Club", "Warm Space", "Knit and Natter", "Monday Club", "{Place} Pop-in Café", "Chatty Café",
			"Over 50s Social Club", "{Place} Community Café", "Friday Friends", "Games Afternoon"},
		sentences: []string{
			"A relaxed coffee morning where you can meet people from the area.",
			"Come along for a cuppa, a chat and a slice of cake.",
			"If you are new to the area or feeling lonely, this is a friendly place to start.",
			"We play board games, cards and dominoes, and there is a quiz once a month.",
			"The group is run by volunteers and is open to anyone who would like some company.",
			"Drop in for as long as you like; there is no need to book.",
			"A warm space with hot drinks, newspapers and free wifi.",
			"People come for the company and stay for the friendship.",
			"Support with anything from filling in forms to finding other local groups.",
		},
		words:   []string{"coffee morning", "social group", "meet people", "friendship", "lonely", "company", "drop-in", "chat", "make friends", "warm space"},
		related: []string{"lunch-clubs", "befriending", "arts-and-crafts", "learning-and-hobbies"},
	},
	"walking-groups": {
		venue: 5, when: mornings,
		names: []string{"{Place} Walking for Health", "{Place} Health Walks", "Walk and Talk", "{Place} Strollers",
			"Buggy Walks", "Nordic Walking", "Gentle Walks", "{Place} Ramblers", "Park Walk", "Wellbeing Walk"},
		sentences: []string{
			"Free, short walks led by trained volunteers at a gentle pace.",
			"Walks last about an hour and there are regular stops along the way.",
			"A friendly way to get more active, enjoy the fresh air and meet new people.",
			"Walks are suitable for beginners and people getting back to fitness after an illness.",
			"We finish at a café for those who want to stay for a drink.",
			"Wear comfortable shoes and bring a bottle of water.",
			"Walking in a group is good for your heart, your mood and your sleep.",
		},
		words:   []string{"walking", "walk", "health walk", "walking group", "ramblers", "fitness", "fresh air", "outdoors", "exercise"},
		related: []string{"physical-activity", "gardening", "mental-health-peer-support"},
	},
	"physical-activity": {
		venue: 9, online: 3, when: anytime,
		names: []string{"Chair-based Exercise", "{Place} Tai Chi", "Gentle Exercise Class", "Strength and Balance",
			"{Place} Walking Football", "Seated Yoga", "Aqua Aerobics", "Move More", "Dance for Health",
			"Over 50s Badminton", "Pilates for Beginners", "Couch to 5K", "Swim for Health", "{Place} Boccia Club"},
		sentences: []string{
			"A gentle exercise class to improve strength, balance and mobility.",
			"Most of the class can be done sitting down, so it suits people with limited mobility.",
			"Our instructors adapt every exercise to your fitness level.",
			"Regular exercise can help with joint pain, low mood and falls.",
			"A fun, sociable way to get fitter, with a cuppa afterwards.",
			"No experience needed; wear loose clothing and bring some water.",
			"Support to get active at your own pace, whatever your age or ability.",
			"Sessions are led by qualified instructors trained in exercise after illness.",
			"Walking football is a slower game with no running or tackling, ideal if you have not played for years.",
		},
		words:   []string{"exercise", "fitness", "chair exercise", "tai chi", "yoga", "keep fit", "strength and balance", "falls", "swimming", "dance", "walking football"},
		related: []string{"walking-groups", "long-term-conditions", "music-and-singing"},
	},
	"mens-sheds": {
		venue: 2, when: daytime,
		names: []string{"{Place} Men's Shed", "{Place} Community Shed", "Men's Shed", "The Shed",
			"{Place} Woodwork Shed", "{Place} Repair Café"},
		sentences: []string{
			"A workshop where people make, mend and chat side by side.",
			"Members restore furniture, build bird boxes and fix things for the community.",
			"You do not need any skills; people share what they know.",
			"A good place to come if you have retired, lost your job or want some company.",
			"There is always a brew on and someone to talk to.",
			"Men often find it easier to talk shoulder to shoulder than face to face.",
			"Tools and materials are provided.",
		},
		words:   []string{"men's shed", "shed", "woodwork", "men", "making things", "repair", "DIY", "retired", "company"},
		related: []string{"social-groups", "volunteering", "veterans"},
	},
	"carers-support": {
		free:  true,
		venue: 4, phone: 3, online: 2, when: daytime,
		names: []string{"{Place} Carers' Group", "Carers' Café", "Young Carers Club", "{Place} Carers Centre",
			"Carers' Support Line", "Caring Together", "Carers' Drop-in", "Parent Carers Forum", "Carers' Wellbeing Group"},
		sentences: []string{
			"Support for unpaid carers looking after a family member, partner or friend.",
			"Meet other carers who understand what you are going through.",
			"We can help you get a carer's assessment and the benefits you are entitled to.",
			"Take a break, have a cuppa and talk things over.",
			"Information about respite, carers' breaks and emergency planning.",
			"If caring is affecting your health or your work, talk to us.",
			"Carers often put their own needs last; this is time for you.",
			"Support for parents caring for a disabled child.",
		},
		words:   []string{"carer", "carers", "unpaid carer", "caring", "respite", "carer's break", "looking after", "carers assessment"},
		who:     "Unpaid carers of any age.",
		related: []string{"dementia-support", "benefits-advice", "mental-health-peer-support"},
	},
	"bereavement": {
		free:  true,
		venue: 3, phone: 3, online: 2, when: daytime,
		names: []string{"{Place} Bereavement Support", "Bereavement Café", "Grief Support Group", "Living with Loss",
			"Bereavement Drop-in", "Loss and Hope Group", "Widows and Widowers Club", "Baby Loss Support Group",
			"Suicide Bereavement Support"},
		sentences: []string{
			"Support for anyone who has lost someone close, however long ago.",
			"Grief can be lonely; talking to people who understand can help.",
			"Trained volunteers offer one-to-one support in person or by phone.",
			"A gentle, informal group where you can share memories or just listen.",
			"We support people bereaved by illness, accident or suicide.",
			"There is no right or wrong way to grieve.",
			"Information on practical matters after a death, such as registering the death and dealing with money.",
			"Support for children and young people who have lost a parent or sibling.",
		},
		words:   []string{"bereavement", "grief", "loss", "death", "widow", "bereaved", "grieving", "lost someone"},
		related: []string{"mental-health-peer-support", "helplines", "social-groups"},
	},
	"debt-advice": {
		free:  true,
		venue: 5, phone: 5, online: 2, when: daytime,
		names: []string{"Money Advice Drop-in", "{Place} Debt Advice", "Debt Advice Line", "{Place} Money Matters",
			"Money Advice Service", "Debt and Money Clinic", "{Place} Advice Centre", "Money Worries Drop-in", "Cost of Living Advice"},
		sentences: []string{
			"Free, confidential debt advice from trained advisers.",
			"We help with rent arrears, council tax, energy bills and credit cards.",
			"If bailiffs are contacting you, get in touch as soon as possible.",
			"An adviser will look at your income and bills and help you make a plan.",
			"We can talk to the people you owe money to on your behalf.",
			"Help with debt relief orders, bankruptcy and breathing space.",
			"Struggling with bills is common and nothing to be ashamed of.",
			"Support to make the most of your income and cut the cost of living.",
		},
		words:   []string{"debt", "debt advice", "money", "bills", "arrears", "bailiffs", "council tax", "money advice", "cost of living"},
		related: []string{"benefits-advice", "housing-support", "food-support"},
	},
	"benefits-advice": {
		free:  true,
		venue: 6, phone: 5, online: 2, when: daytime,
		names: []string{"{Place} Welfare Rights", "Benefits Advice Drop-in", "{Place} Advice Centre", "Universal Credit Help",
			"PIP Form Filling Service", "Welfare Benefits Advice Line", "{Place} Advice Shop", "Benefits Check"},
		sentences: []string{
			"Help to check which benefits you are entitled to and make a claim.",
			"We help with Universal Credit, PIP, Attendance Allowance and Pension Credit.",
			"Advisers can fill in forms with you and help you gather evidence.",
			"If a benefit has been stopped or refused, we can help you challenge the decision and appeal.",
			"Free, independent and confidential welfare benefits advice.",
			"Bring any letters you have received from the DWP or the council.",
			"Many people miss out on money they are owed; a benefits check takes less than an hour.",
			"Support by appointment, with some drop-in sessions.",
		},
		words:   []string{"benefits", "universal credit", "PIP", "welfare rights", "benefits advice", "form filling", "pension credit", "appeal", "attendance allowance"},
		related: []string{"debt-advice", "housing-support", "carers-support"},
	},
	"food-support": {
		venue: 5, when: daytime,
		names: []string{"Community Larder", "{Place} Food Bank", "{Place} Community Pantry", "Community Fridge", "Cook and Eat",
			"{Place} Social Supermarket", "Holiday Lunch Club", "Cooking on a Budget", "Food Share", "{Place} Community Kitchen"},
		sentences: []string{
			"Pick up a food parcel with three days of nutritionally balanced food.",
			"A community pantry where members pay a small weekly fee and choose their own shopping.",
			"Surplus food from local shops is shared for free to cut waste.",
			"Learn to cook simple, cheap meals on a budget.",
			"No referral is needed for the larder; the food bank needs a voucher from an agency.",
			"We also have toiletries, baby food and pet food when we can.",
			"Volunteers can help with energy bills and money advice while you are here.",
			"Everyone is treated with dignity and respect.",
		},
		words:   []string{"food bank", "food", "pantry", "larder", "food parcel", "hungry", "cooking", "community fridge", "meals"},
		related: []string{"debt-advice", "benefits-advice", "lunch-clubs"},
	},
	"housing-support": {
		free:  true,
		venue: 3, phone: 2, when: daytime,
		names: []string{"{Place} Housing Advice", "Tenancy Support", "Homeless Drop-in", "Housing Options Surgery",
			"{Place} Tenants' Association", "Private Renters Advice", "Warm Homes Advice", "Floating Support"},
		sentences: []string{
			"Advice if you are homeless or at risk of losing your home.",
			"Help with repairs, damp and mould, and problems with your landlord.",
			"Tenancy support to help you settle into a new home and manage your bills.",
			"We can help with housing applications and bidding for council homes.",
			"Advice on keeping your home warm and cutting energy costs.",
			"A drop-in with hot food, showers and support for people sleeping rough.",
			"Free, confidential support from experienced housing advisers.",
		},
		words:   []string{"housing", "homeless", "eviction", "landlord", "tenancy", "repairs", "damp", "rent", "council housing"},
		related: []string{"debt-advice", "benefits-advice", "addiction-recovery"},
	},
	"employment-support": {
		free:  true,
		venue: 3, online: 3, when: daytime,
		names: []string{"{Place} Job Club", "Work Club", "CV Workshop", "Back to Work Support", "{Place} Employment Hub",
			"Skills for Work", "Get Into Work", "Volunteer to Work"},
		sentences: []string{
			"Help to write a CV, search for jobs and fill in applications.",
			"Practise interviews with a friendly adviser.",
			"Support for people who have been out of work because of ill health.",
			"Free courses in maths, English and basic skills for work.",
			"Computers and free wifi for job searching.",
			"We link you with local employers and volunteering that builds experience.",
			"One-to-one support at your own pace, for as long as you need.",
		},
		words:   []string{"job", "jobs", "work", "employment", "CV", "job club", "interview", "training", "skills", "back to work"},
		related: []string{"digital-skills", "volunteering", "esol"},
	},
	"digital-skills": {
		venue: 3, online: 3, when: daytime,
		names: []string{"Digital Drop-in", "Get Online", "{Place} Tech Café", "Tablet and Smartphone Help", "Computer Club",
			"Digital Buddies", "Silver Surfers", "Online Safety Workshop"},
		sentences: []string{
			"Friendly help to use your phone, tablet or laptop.",
			"Learn to video call family, shop online and book GP appointments.",
			"Bring your own device or borrow one of ours.",
			"Help to use the NHS App, email and online banking safely.",
			"No question is too basic; volunteers go at your pace.",
			"Free data SIM cards and reconditioned devices for people on a low income.",
			"Find out how to spot scams and stay safe online.",
		},
		words:   []string{"computer", "digital", "tablet", "smartphone", "internet", "get online", "email", "NHS app", "IT help"},
		related: []string{"learning-and-hobbies", "employment-support", "social-groups"},
	},
	"esol": {
		free:  true,
		venue: 3, online: 3, when: daytime,
		names: []string{"ESOL Classes", "English Conversation Club", "{Place} English Café", "Learn English",
			"Women's English Class", "English for Beginners", "Conversation Café"},
		sentences: []string{
			"Free English classes for speakers of other languages.",
			"Practise speaking English in a relaxed, friendly group.",
			"Classes for beginners through to intermediate level.",
			"Learn the English you need for shopping, the doctor and your children's school.",
			"A crèche is available for some classes.",
			"New arrivals, refugees and asylum seekers are all welcome.",
			"Volunteers help with reading letters and filling in forms.",
		},
		words:   []string{"English classes", "ESOL", "learn English", "English", "conversation", "language", "refugees"},
		who:     "Adults whose first language is not English.",
		related: []string{"faith-and-culture", "employment-support", "parents-and-families"},
	},
	"arts-and-crafts": {
		venue: 4, online: 3, when: anytime,
		names: []string{"Knit and Natter", "{Place} Art Group", "Creative Writing Group", "Crafternoon", "Arts on Prescription",
			"Pottery Club", "Sewing Circle", "Painting for Pleasure", "Creative Minds", "{Place} Craft Club"},
		sentences: []string{
			"A relaxed group for painting, drawing and crafts.",
			"All materials are provided and no experience is needed.",
			"Bring your knitting or crochet, or learn from scratch.",
			"Being creative is good for wellbeing and a lovely way to meet people.",
			"Each week an artist leads a different activity.",
			"Creative writing for people who want to tell their story.",
			"Arts on prescription for people with anxiety, low mood or long-term pain.",
		},
		words:   []string{"art", "crafts", "painting", "knitting", "pottery", "creative writing", "drawing", "sewing", "creative"},
		related: []string{"social-groups", "mental-health-peer-support", "learning-and-hobbies"},
	},
	"music-and-singing": {
		venue: 3, online: 2, when: anytime,
		names: []string{"{Place} Community Choir", "Singing for the Brain", "Singing for Better Breathing", "Sing and Smile",
			"{Place} Ukulele Group", "Drumming Circle", "Music for Wellbeing", "{Place} Pop Choir", "Open Mic Night"},
		sentences: []string{
			"A friendly community choir with no auditions.",
			"You do not need to read music; we learn songs by ear.",
			"Singing together lifts your mood and helps your breathing.",
			"Singing sessions for people living with dementia and the people who care for them.",
			"Songs from the shows, pop and old favourites.",
			"Borrow an instrument and learn to play in a group.",
			"Designed for people with lung conditions such as COPD.",
		},
		words:   []string{"choir", "singing", "music", "sing", "ukulele", "drumming", "songs", "band"},
		related: []string{"dementia-support", "long-term-conditions", "social-groups"},
	},
	"gardening": {
		venue: 3, when: daytime,
		names: []string{"{Place} Community Garden", "Green Gym", "Allotment Project", "Conservation Volunteers",
			"Growing Together", "Therapeutic Gardening", "Friends of {Place} Park", "Grow Your Own"},
		sentences: []string{
			"Grow fruit and vegetables in our community garden.",
			"Get outdoors and help look after local parks and woodland.",
			"Therapeutic gardening for people recovering from illness or living with anxiety.",
			"No experience needed; tools, gloves and training are provided.",
			"Green Gym sessions combine practical conservation with exercise.",
			"Share the harvest, swap seeds and learn from others.",
			"Raised beds make gardening possible for people who use a wheelchair.",
		},
		words:   []string{"gardening", "garden", "allotment", "nature", "outdoors", "conservation", "green", "growing", "park"},
		related: []string{"volunteering", "mental-health-peer-support", "walking-groups"},
	},
	"mental-health-peer-support": {
		free:  true,
		venue: 8, phone: 5, online: 5, when: anytime,
		names: []string{"{Place} Wellbeing Group", "Anxiety Support Group", "Peer Support Group", "Men's Mental Health Group",
			"Talking Café", "Hearing Voices Group", "Recovery College", "{Place} Wellbeing Café", "Men's Talking Circle",
			"Mood Support Group", "Safe Space Drop-in", "Walk and Talk for Wellbeing"},
		sentences: []string{
			"A safe, friendly group for people living with anxiety, depression or stress.",
			"Talk to people who have been there and understand.",
			"Peer support run by people with lived experience of mental health problems.",
			"Learn ways to cope with low mood, worry and panic.",
			"You do not need a diagnosis to come along.",
			"Support is confidential and there is no pressure to talk.",
			"Free courses on sleep, anxiety and building confidence.",
			"A space for men to talk openly about how they are feeling.",
			"If you are in crisis, call NHS 111 and choose the mental health option.",
		},
		words:   []string{"anxiety", "depression", "mental health", "stress", "low mood", "wellbeing", "peer support", "panic attacks", "feeling down", "loneliness"},
		related: []string{"helplines", "arts-and-crafts", "walking-groups", "bereavement"},
	},
	"young-people": {
		venue: 3, phone: 1, online: 2, when: evenings,
		names: []string{"{Place} Youth Club", "Youth Mentoring", "Youth Café", "LGBTQ+ Youth Group", "Young People's Counselling",
			"Detached Youth Work", "Teen Wellbeing Group", "After School Club"},
		sentences: []string{
			"A youth club with games, music, sport and trips.",
			"Somewhere safe to hang out with friends and talk to youth workers.",
			"One-to-one mentoring for young people who are struggling at school or at home.",
			"Free counselling for young people aged 11 to 25.",
			"Support with anxiety, confidence, exams and relationships.",
			"A friendly group for LGBTQ+ young people and those questioning.",
			"Help with college, training and first jobs.",
		},
		words:   []string{"youth club", "young people", "teenagers", "mentoring", "youth", "teens", "counselling for young people", "after school"},
		related: []string{"mental-health-peer-support", "physical-activity", "employment-support"},
	},
	"parents-and-families": {
		venue: 4, online: 2, when: mornings,
		names: []string{"Stay and Play", "{Place} Toddler Group", "Baby and Me", "Parent and Toddler Group", "{Place} Family Hub",
			"Dads' Group", "Breastfeeding Support", "Parenting Course", "Messy Play", "Baby Massage", "Rhyme Time"},
		sentences: []string{
			"Stay and play sessions for parents and carers with babies and toddlers.",
			"Toys, messy play, songs and a snack for the children.",
			"A chance for parents to meet others and share the ups and downs.",
			"Support with feeding, sleep and behaviour.",
			"A free parenting course to help with confidence and family life.",
			"Health visitors drop in once a month for weighing and advice.",
			"Dads, grandparents and childminders are all welcome.",
			"Family support workers can help with money, housing and other worries.",
		},
		words:   []string{"toddler group", "stay and play", "parents", "baby", "toddlers", "family support", "parenting", "mums", "children"},
		who:     "Parents and carers with children under five.",
		related: []string{"esol", "food-support", "mental-health-peer-support"},
	},
	"veterans": {
		venue: 1.5, phone: 1, online: 1, when: mornings,
		names: []string{"{Place} Veterans' Breakfast Club", "Armed Forces Drop-in", "{Place} Veterans' Hub", "Forces Friends",
			"Veterans' Walking Group", "Veterans' Support Line"},
		sentences: []string{
			"A breakfast club where veterans can meet for a chat and a bacon sandwich.",
			"Support for anyone who has served in the armed forces, and their families.",
			"Help with housing, benefits, jobs and health after leaving the forces.",
			"Talk to people who understand service life.",
			"Veterans can get priority NHS care for conditions linked to their service.",
			"Families and partners of serving personnel are welcome too.",
		},
		words:   []string{"veterans", "armed forces", "ex-forces", "military", "army", "navy", "RAF", "service leavers"},
		who:     "Veterans of the armed forces and their families.",
		related: []string{"mens-sheds", "mental-health-peer-support", "social-groups"},
	},
	"sensory-loss": {
		venue: 1.5, phone: 1, online: 1, when: daytime,
		names: []string{"Sight Loss Support Group", "{Place} Hard of Hearing Club", "Talking Newspaper", "Lipreading Class",
			"Visual Impairment Drop-in", "{Place} Deaf Club", "Hearing Aid Support Clinic", "Low Vision Café"},
		sentences: []string{
			"Support and friendship for people living with sight loss.",
			"Learn to lipread and manage hearing loss in a friendly class.",
			"Free hearing aid maintenance, new batteries and tubing.",
			"Try out magnifiers, talking clocks and other equipment.",
			"Our talking newspaper is sent free to people who cannot read print.",
			"Meetings use a hearing loop and large print.",
			"Information about registering as sight impaired and the help that brings.",
			"British Sign Language users are welcome; an interpreter can be booked.",
		},
		words:   []string{"sight loss", "hearing loss", "blind", "deaf", "hearing aid", "visually impaired", "lipreading", "partially sighted"},
		related: []string{"long-term-conditions", "social-groups", "digital-skills"},
	},
	"addiction-recovery": {
		free:  true,
		venue: 2, phone: 2, online: 2, when: evenings,
		names: []string{"Recovery Café", "{Place} Recovery Group", "SMART Recovery Meeting", "Alcohol Support Group",
			"Gambling Support Group", "Drug and Alcohol Drop-in", "{Place} Recovery Hub", "Families Affected by Addiction"},
		sentences: []string{
			"A friendly, alcohol-free space for people in recovery.",
			"Support for anyone worried about their drinking, drug use or gambling.",
			"Mutual aid meetings to help you stay on track.",
			"Families and friends affected by someone else's addiction are welcome.",
			"Confidential one-to-one support from recovery workers.",
			"Activities, volunteering and training to build a life in recovery.",
			"You do not need to have stopped using to get support.",
		},
		words:   []string{"alcohol", "drinking", "drugs", "addiction", "recovery", "gambling", "substance misuse", "sober"},
		related: []string{"mental-health-peer-support", "housing-support", "volunteering"},
	},
	"dementia-support": {
		venue: 2.5, phone: 1, online: 1, when: daytime,
		names: []string{"{Place} Memory Café", "Singing for the Brain", "Dementia Carers' Group", "Forget Me Not Club",
			"Dementia Friendly Café", "Memory Lane Group", "Reminiscence Group", "Dementia Advice Drop-in"},
		sentences: []string{
			"A memory café for people living with dementia and their carers.",
			"Relax over tea and cake with music, games and reminiscence.",
			"Dementia advisers are on hand to answer questions.",
			"A welcoming place for people with memory problems, with or without a diagnosis.",
			"Carers can share tips and support each other while their loved ones enjoy an activity.",
			"Help with planning ahead, power of attorney and getting a diagnosis.",
			"Activities are designed to be enjoyable for people at every stage of dementia.",
		},
		words:   []string{"dementia", "memory", "memory café", "alzheimer's", "forgetful", "memory loss", "dementia carers"},
		who:     "People living with dementia or memory problems, and their carers.",
		related: []string{"carers-support", "music-and-singing", "social-groups"},
	},
	"long-term-conditions": {
		venue: 3, phone: 1, online: 2, when: daytime,
		names: []string{"{Place} Breathe Easy", "Diabetes Support Group", "{Place} Stroke Club", "Pain Management Group",
			"Living Well with Long-term Conditions", "Parkinson's Support Group", "Heart Support Group",
			"Cancer Support Drop-in", "Fibromyalgia Support Group", "Long Covid Support Group"},
		sentences: []string{
			"A support group for people living with a long-term health condition.",
			"Share tips for coping with pain, fatigue and breathlessness.",
			"Talks from nurses, physios and dietitians.",
			"A self-management course to help you live well with your condition.",
			"Support for people with diabetes, COPD, heart problems and arthritis.",
			"Meet others after a stroke and rebuild your confidence.",
			"Gentle exercise adapted for people with lung and heart conditions.",
			"Partners and carers are welcome to come along.",
		},
		words:   []string{"diabetes", "COPD", "stroke", "chronic pain", "long-term condition", "arthritis", "heart", "fatigue", "cancer support"},
		related: []string{"physical-activity", "music-and-singing", "carers-support"},
	},
	"volunteering": {
		free:  true,
		venue: 2, online: 1, when: daytime,
		names: []string{"{Place} Volunteer Centre", "Volunteer Drop-in", "Volunteering for Wellbeing", "{Place} Good Neighbours Scheme",
			"Befriending Volunteers Wanted", "Community Volunteers", "Volunteer Buddies"},
		sentences: []string{
			"Find volunteering that suits your interests and the time you have.",
			"Volunteering is a great way to meet people, learn skills and feel useful.",
			"We can support you to start volunteering if you are nervous or have a health condition.",
			"Roles include gardening, driving, shop work, befriending and events.",
			"A volunteer buddy can come with you for your first few sessions.",
			"Travel expenses are paid.",
		},
		words:   []string{"volunteering", "volunteer", "give back", "help others", "volunteer centre", "good neighbours", "community"},
		related: []string{"gardening", "employment-support", "befriending"},
	},
	"learning-and-hobbies": {
		venue: 3, online: 4, when: anytime,
		names: []string{"{Place} Book Club", "{Place} u3a", "{Place} Local History Group", "Chess Club", "Adult Learning Courses",
			"Photography Club", "Family History Group", "Quiz Night", "Language Café", "Bridge Club"},
		sentences: []string{
			"A friendly group for people who enjoy learning something new.",
			"Members choose a book each month and meet to talk about it.",
			"Explore the history of the area with talks, walks and old photos.",
			"Courses in cooking, languages, computing and more for adults.",
			"Share a hobby, learn from others and make friends.",
			"Groups are led by members, so everyone has something to offer.",
			"Free taster sessions for newcomers.",
		},
		words:   []string{"book club", "history", "hobby", "learning", "courses", "chess", "photography", "u3a", "classes"},
		related: []string{"social-groups", "digital-skills", "arts-and-crafts"},
	},
	"faith-and-culture": {
		venue: 2, online: 1, when: anytime,
		names: []string{"{Place} Mosque Community Lunch", "Gurdwara Langar", "Church Community Café", "African Caribbean Elders Group",
			"South Asian Women's Group", "Polish Community Club", "{Place} Interfaith Forum", "Chinese Elders Club",
			"Somali Community Drop-in"},
		sentences: []string{
			"A community group rooted in faith and open to people of all faiths and none.",
			"Free vegetarian meals served to everyone who comes.",
			"A social group for elders with music, food and conversation in home languages.",
			"Support to use local services, with help from bilingual volunteers.",
			"Celebrate festivals, share food and meet neighbours.",
			"A welcoming space for women to meet, learn and support each other.",
			"Help with forms and letters in Urdu, Punjabi, Polish and other languages.",
		},
		words:   []string{"church", "mosque", "gurdwara", "temple", "faith", "community", "culture", "elders", "women's group"},
		related: []string{"social-groups", "esol", "lunch-clubs"},
	},
	"domestic-abuse-support": {
		free:  true,
		venue: 1.5, phone: 3, online: 1, when: daytime,
		names: []string{"Domestic Abuse Support Service", "{Place} Women's Aid", "Freedom Programme", "Domestic Abuse Helpline",
			"Men's Domestic Abuse Support", "Independent Domestic Violence Advisers", "Recovery Toolkit Group", "{Place} Safe Space"},
		sentences: []string{
			"Confidential support for anyone affected by domestic abuse.",
			"Trained advisers can help you make a safety plan.",
			"Support with housing, legal options and the courts.",
			"A group course to help you understand abuse and rebuild confidence.",
			"Support is available for women, men and LGBTQ+ people.",
			"If you are in danger now, call 999.",
			"Children affected by domestic abuse can get support too.",
		},
		words:   []string{"domestic abuse", "domestic violence", "abusive relationship", "coercive control", "safety", "refuge", "women's aid"},
		related: []string{"housing-support", "mental-health-peer-support", "helplines"},
	},
	"helplines": {
		free:  true,
		venue: 0.5, phone: 10, online: 2, when: daytime,
		names: []string{"{Place} Listening Line", "Friendship Line", "Wellbeing Helpline", "Listening Service", "Night Line",
			"Support Line", "Talk It Through", "Older People's Advice Line", "Webchat Support"},
		sentences: []string{
			"A free, confidential listening service for anyone who needs to talk.",
			"Trained volunteers answer calls and listen without judging.",
			"Call us if you feel lonely, worried or low.",
			"Information and advice by phone, email or webchat.",
			"Calls are free from landlines and mobiles.",
			"We can tell you about local services and support groups.",
			"You do not have to give your name.",
		},
		words:   []string{"helpline", "someone to talk to", "listening", "phone line", "call", "talk", "support line", "webchat"},
		related: []string{"mental-health-peer-support", "befriending", "bereavement"},
	},
}

// Sentences any listing at a venue may end with.
var venueSentences = []string{
	"Everyone welcome.", "Tea and biscuits provided.", "Just turn up.", "No need to book.",
	"Free parking nearby.", "On a bus route.", "Refreshments available.", "You are welcome to bring a friend.",
	"Run by friendly local volunteers.", "Support is free and confidential.",
}

// Sentences any listing may end with, wherever it happens.
var anySentences = []string{
	"Everyone welcome.", "Support is free and confidential.", "Run by friendly local volunteers.",
	"Please get in touch if you have any questions.", "We offer support in a friendly, relaxed way.",
}

var orgNames = []string{
	"{Place} Community Trust", "Friends of {Place}", "{Place} Good Neighbours", "{Place} Community Association",
	"{Place} Voluntary Action", "{Place} Community Partnership", "{Place} Wellbeing Network", "{Place} Development Trust",
	"{Place} Neighbourhood Network", "Together in {Place}", "{Place} Community Action", "{Place} Healthy Living Centre",
	"{Place} Churches Together", "{Place} Advice Network", "{Place} Age Well", "{Place} Community Foundation",
	"{Place} Council for Voluntary Service", "{Place} Family Action", "{Place} Carers Network", "{Place} Community Hub",
}

var orgDescriptions = []string{
	"A local charity supporting people in {Place} and the surrounding area.",
	"A community organisation run by and for people who live and work in {Place}.",
	"We bring neighbours in {Place} together and help people get the support they need.",
	"A registered charity working to reduce loneliness and improve wellbeing across {Place}.",
	"Volunteers and staff running groups, advice and activities in {Place} since 1998.",
}

var venueNames = []string{
	"{Place} Community Centre", "St Mary's Church Hall", "{Place} Library", "{Place} Methodist Church",
	"{Place} Village Hall", "{Place} Leisure Centre", "{Place} Family Hub", "Trinity Church Hall",
	"The Old School Rooms", "{Place} Baptist Church", "{Place} Library and Community Hub",
	"Community Room, {Place} Health Centre", "{Place} Scout Hut", "Salvation Army Hall",
	"{Place} Park Café", "St John's Church Centre", "{Place} Neighbourhood Centre", "The Pavilion",
	"{Place} Sports Centre", "{Place} Methodist Hall", "{Place} Youth and Community Centre", "Christ Church Hall",
}

var streets = []string{
	"High Street", "Church Road", "Station Road", "Victoria Road", "Park Road", "Mill Lane", "London Road",
	"Green Lane", "Queen Street", "King Street", "Manor Road", "School Lane", "The Green", "Market Place",
	"Chapel Street", "North Street", "New Road", "Albert Road", "Grove Road", "Springfield Road",
	"Church Street", "West Street", "Westfield Road", "Main Street", "Broadway", "Hall Lane", "Kingsway",
	"York Road", "Stanley Road", "Richmond Road",
}

// places are real English towns and districts. The centroid file names
// no places, so each district borrows one by hash: close enough for text
// that is searched, never read.
var places = []string{
	"Barnsley", "Bradford", "Halifax", "Huddersfield", "Wakefield", "Dewsbury", "Keighley", "Harrogate", "Skipton",
	"Ilkley", "Otley", "Pudsey", "Morley", "Batley", "Castleford", "Pontefract", "Rotherham", "Doncaster", "Sheffield",
	"Chesterfield", "Worksop", "Mansfield", "Newark", "Lincoln", "Grantham", "Boston", "Skegness", "Louth",
	"Scunthorpe", "Grimsby", "Hull", "Beverley", "Bridlington", "Scarborough", "Whitby", "York", "Selby", "Goole",
	"Darlington", "Durham", "Stockton", "Middlesbrough", "Hartlepool", "Redcar", "Sunderland", "Gateshead",
	"Newcastle", "Tynemouth", "Hexham", "Morpeth", "Berwick", "Carlisle", "Penrith", "Kendal", "Barrow", "Workington",
	"Lancaster", "Morecambe", "Preston", "Blackpool", "Blackburn", "Burnley", "Accrington", "Chorley", "Wigan",
	"Bolton", "Bury", "Rochdale", "Oldham", "Stockport", "Salford", "Stretford", "Altrincham", "Warrington",
	"St Helens", "Widnes", "Runcorn", "Birkenhead", "Wallasey", "Southport", "Bootle", "Crosby", "Chester", "Crewe",
	"Macclesfield", "Northwich", "Stoke", "Stafford", "Burton", "Tamworth", "Lichfield", "Cannock", "Walsall",
	"Wolverhampton", "Dudley", "West Bromwich", "Smethwick", "Solihull", "Sutton Coldfield", "Coventry", "Nuneaton",
	"Rugby", "Leamington", "Warwick", "Stratford-upon-Avon", "Redditch", "Bromsgrove", "Kidderminster", "Worcester",
	"Hereford", "Shrewsbury", "Telford", "Oswestry", "Ludlow", "Leicester", "Loughborough", "Hinckley",
	"Melton Mowbray", "Derby", "Ilkeston", "Buxton", "Matlock", "Nottingham", "Beeston", "Arnold", "Northampton",
	"Kettering", "Corby", "Wellingborough", "Peterborough", "Cambridge", "Ely", "Huntingdon", "St Neots", "Bedford",
	"Luton", "Dunstable", "Milton Keynes", "Aylesbury", "High Wycombe", "Oxford", "Banbury", "Bicester", "Witney",
	"Abingdon", "Reading", "Slough", "Maidenhead", "Windsor", "Bracknell", "Newbury", "Swindon", "Chippenham",
	"Salisbury", "Trowbridge", "Bath", "Bristol", "Weston-super-Mare", "Taunton", "Yeovil", "Bridgwater", "Exeter",
	"Exmouth", "Torquay", "Paignton", "Plymouth", "Barnstaple", "Truro", "Falmouth", "Penzance", "St Austell",
	"Bodmin", "Poole", "Bournemouth", "Weymouth", "Dorchester", "Southampton", "Portsmouth", "Winchester",
	"Basingstoke", "Andover", "Eastleigh", "Gosport", "Havant", "Chichester", "Worthing", "Brighton", "Hove",
	"Eastbourne", "Hastings", "Crawley", "Horsham", "Guildford", "Woking", "Epsom", "Redhill", "Tunbridge Wells",
	"Maidstone", "Canterbury", "Margate", "Ramsgate", "Folkestone", "Dover", "Ashford", "Gravesend", "Chatham",
	"Gillingham", "Dartford", "Croydon", "Bromley", "Lewisham", "Peckham", "Brixton", "Wandsworth", "Hammersmith",
	"Ealing", "Harrow", "Wembley", "Enfield", "Tottenham", "Walthamstow", "Hackney", "Ilford", "Romford",
	"Barking", "Woolwich", "Kingston", "Richmond", "Hounslow", "Uxbridge", "Watford", "St Albans", "Stevenage",
	"Hitchin", "Hemel Hempstead", "Harlow", "Chelmsford", "Colchester", "Southend", "Basildon", "Braintree",
	"Clacton", "Ipswich", "Bury St Edmunds", "Lowestoft", "Norwich", "Great Yarmouth", "King's Lynn", "Thetford",
	"Cromer", "Gloucester", "Cheltenham", "Stroud", "Cirencester", "Leeds", "Manchester", "Liverpool", "Birmingham",
	"Armley", "Chapeltown", "Headingley", "Seacroft", "Harehills", "Moss Side", "Levenshulme", "Toxteth", "Everton",
	"Handsworth", "Sparkbrook", "Small Heath", "Kings Heath", "Erdington",
}

// language is a language other than English that services are run in,
// with its share among them.
type language struct {
	code, name string
	weight     int
}

var otherLanguages = []language{
	{"ur", "Urdu", 16}, {"pa", "Punjabi", 12}, {"pl", "Polish", 14}, {"ar", "Arabic", 10}, {"so", "Somali", 6},
	{"ro", "Romanian", 10}, {"bn", "Bengali", 10}, {"zh", "Chinese", 8}, {"gu", "Gujarati", 7}, {"pt", "Portuguese", 7},
}

// Ofcom's drama ranges, so that no generated number rings anyone. Each
// prefix takes three more digits; areas not listed use 01632 960.
var phonePrefixes = map[string]string{
	"LS": "0113 496 0", "S": "0114 496 0", "NG": "0115 496 0", "LE": "0116 496 0", "BS": "0117 496 0",
	"RG": "0118 496 0", "B": "0121 496 0", "L": "0151 496 0", "M": "0161 496 0", "NE": "0191 498 0",
	"E": "020 7946 0", "EC": "020 7946 0", "N": "020 7946 0", "NW": "020 7946 0", "SE": "020 7946 0",
	"SW": "020 7946 0", "W": "020 7946 0", "WC": "020 7946 0",
}

const (
	otherPhonePrefix  = "01632 960"
	mobilePhonePrefix = "07700 900"
)
