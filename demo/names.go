package demo

// The name lists the generator draws people from. A name listed twice is
// drawn twice as often; some names appear both with and without their
// diacritics because both spellings are common on US rosters.

// culture is a naming tradition: given names by sex and family names.
type culture struct {
	female, male, last []string
}

const (
	cultAnglo = iota
	cultHispanic
	cultChinese
	cultVietnamese
	cultFilipino
	cultIndian
	cultKorean
	cultJapanese
	cultPolish
	cultGerman
	cultNordic
	cultFrench
	cultMideast
	cultAfrican
	numCultures
)

// cultureWeights are the shares (in percent) of each culture among
// employees: California, and the Pacific Northwest and Colorado.
var (
	cultureWeightsCA    = [numCultures]int{40, 25, 6, 4, 5, 5, 2, 2, 1, 3, 1, 1, 3, 2}
	cultureWeightsOther = [numCultures]int{58, 13, 4, 3, 2, 4, 2, 2, 2, 5, 2, 1, 1, 1}
)

var unisexNames = []string{"Alex", "Jordan", "Taylor", "Casey", "Riley", "Morgan", "Avery", "Quinn", "Sam", "Jamie", "Rowan", "River", "Skyler", "Emerson"}

var cultures = [numCultures]culture{
	cultAnglo: {
		female: []string{"Mary", "Jennifer", "Linda", "Patricia", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Lisa",
			"Nancy", "Sandra", "Ashley", "Emily", "Michelle", "Amanda", "Melissa", "Stephanie", "Rebecca", "Laura",
			"Rachel", "Megan", "Hannah", "Olivia", "Emma", "Ava", "Madison", "Abigail", "Chloe", "Grace", "Lily",
			"Harper", "Brianna", "Keisha", "Latoya", "Tiffany", "Danielle", "Courtney", "Heather", "Amber", "Kayla",
			"Natalie", "Zoë", "Evelyn", "Nora", "Aaliyah", "Imani", "Claire", "Kathleen", "Deborah"},
		male: []string{"James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
			"Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian",
			"Ryan", "Jason", "Justin", "Brandon", "Tyler", "Ethan", "Noah", "Liam", "Mason", "Logan", "Jacob",
			"Caleb", "Dylan", "Marcus", "Darnell", "Andre", "Terrence", "DeShawn", "Jamal", "Trevor", "Kyle",
			"Scott", "Gregory", "Patrick", "Sean", "Elijah", "Owen", "Wyatt", "Malik", "Gary", "Dennis"},
		last: []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
			"Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis",
			"Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
			"Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
			"Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
			"Bailey", "Reed", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett",
			"Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "O'Brien", "O'Connor",
			"Sullivan", "McCarthy", "Washington", "Jefferson", "Coleman", "Simmons", "Henderson", "Fitzgerald",
			"Whitaker", "Holloway", "Bishop", "Greene", "Hayes", "Russell", "Spencer", "Webb", "Tucker", "Porter"},
	},
	cultHispanic: {
		female: []string{"María", "Maria", "Maria", "Maria", "Guadalupe", "Ana", "Sofia", "Sofia", "Isabella", "Camila",
			"Valentina", "Daniela", "Gabriela", "Alejandra", "Lucia", "Lucia", "Fernanda", "Ximena", "Mariana",
			"Adriana", "Veronica", "Rosa", "Carmen", "Leticia", "Yesenia", "Marisol", "Esperanza", "Araceli",
			"Itzel", "Diana", "Elena", "Patricia", "Claudia", "Brenda", "Jacqueline", "Vanessa", "Angelica"},
		male: []string{"José", "Jose", "Jose", "Jose", "Juan", "Luis", "Carlos", "Jesus", "Miguel", "Alejandro",
			"Francisco", "Javier", "Diego", "Mateo", "Santiago", "Eduardo", "Ricardo", "Fernando", "Roberto",
			"Manuel", "Andres", "Andres", "Raul", "Hector", "Sergio", "Arturo", "Emiliano", "Joaquin", "Oscar",
			"Jorge", "Victor", "Adrian", "Cesar", "Rafael", "Alberto", "Armando", "Gerardo"},
		last: []string{"Garcia", "Garcia", "Garcia", "García", "Rodriguez", "Rodriguez", "Rodriguez", "Martinez",
			"Martinez", "Martinez", "Hernandez", "Hernandez", "Hernandez", "Lopez", "Lopez", "Lopez", "Gonzalez",
			"Gonzalez", "Perez", "Perez", "Sanchez", "Sanchez", "Ramirez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez",
			"Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutierrez", "Chavez", "Ramos", "Ruiz", "Alvarez",
			"Mendoza", "Castillo", "Jimenez", "Vasquez", "Romero", "Herrera", "Medina", "Aguilar", "Vargas",
			"Guzman", "Peña", "Munoz", "Munoz", "Muñoz", "Ibanez", "Salazar", "Delgado", "Contreras", "Navarro", "Espinoza",
			"Cervantes", "Fuentes", "Villanueva", "Orozco", "Ayala", "Sandoval", "Maldonado", "Estrada", "Avila"},
	},
	cultChinese: {
		female: []string{"Mei", "Li", "Xiaoling", "Jing", "Yan", "Hui", "Wen", "Ying", "Lan", "Fang", "Grace",
			"Vivian", "Amy", "Jenny", "Emily", "Michelle", "Xinyi", "Yuqing"},
		male: []string{"Wei", "Jian", "Hao", "Ming", "Jun", "Lei", "Tao", "Yong", "Kevin", "Jason", "Eric",
			"Daniel", "Vincent", "Bo", "Zhiwei", "Andrew", "Peter", "Kai"},
		last: []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
			"Sun", "Ma", "Zhu", "Hu", "Lin", "Guo", "He", "Gao", "Luo", "Wong", "Wong", "Chan", "Leung", "Lau",
			"Cheung", "Ng", "Lam", "Ho", "Chow", "Tse", "Yee", "Fong", "Louie"},
	},
	cultVietnamese: {
		female: []string{"Linh", "Lan", "Mai", "Hương", "Huong", "Thao", "Trang", "Ngọc", "Ngoc", "Anh", "Hoa", "Vy",
			"Nhi", "Tuyet", "Thu", "Hanh", "Kim", "Tiffany", "Jennifer"},
		male: []string{"Minh", "Tuấn", "Tuan", "Nam", "Hung", "Dung", "Quang", "Phúc", "Phuc", "Khoa", "Bao", "Thanh",
			"Long", "Duc", "Hieu", "Vinh", "Kevin", "Danny", "Peter"},
		last: []string{"Nguyễn", "Nguyen", "Nguyen", "Nguyen", "Nguyen", "Nguyen", "Trần", "Tran", "Tran", "Tran",
			"Lê", "Le", "Le", "Phạm", "Pham", "Pham", "Huynh", "Huynh", "Hoang", "Vo", "Vo", "Đặng", "Dang", "Bui",
			"Do", "Ngo", "Duong", "Ly", "Truong", "Phan", "Dinh"},
	},
	cultFilipino: {
		female: []string{"Maria", "Kristine", "Jasmine", "Angelica", "Joy", "Rowena", "Maricel", "Cristina",
			"Jennifer", "Divina", "Lorna", "Analyn", "Precious", "Rhea", "Marites"},
		male: []string{"Jose", "Mark", "John Paul", "Rommel", "Ramon", "Arnel", "Jericho", "Ronaldo", "Efren",
			"Joel", "Christian", "Renato", "Jun", "Rodel", "Noel"},
		last: []string{"Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Tomas",
			"Andrada", "Castillo", "Flores", "Villanueva", "Ramos", "Dela Cruz", "De Leon", "Aquino", "Mercado",
			"Soriano", "Navarro", "Pascual", "Manalo", "Dizon", "Panganiban", "Magbanua", "Tolentino", "Salvador"},
	},
	cultIndian: {
		female: []string{"Priya", "Ananya", "Aishwarya", "Deepa", "Kavya", "Lakshmi", "Neha", "Pooja", "Divya",
			"Sunita", "Anjali", "Meera", "Shreya", "Ishita", "Harpreet", "Simran", "Nandini"},
		male: []string{"Rahul", "Arjun", "Vikram", "Rohan", "Sanjay", "Rajesh", "Amit", "Anil", "Suresh", "Karthik",
			"Aditya", "Vivek", "Nikhil", "Gurpreet", "Manish", "Arun", "Sandeep"},
		last: []string{"Patel", "Patel", "Shah", "Singh", "Singh", "Kumar", "Sharma", "Gupta", "Reddy", "Rao", "Iyer",
			"Nair", "Menon", "Krishnan", "Desai", "Mehta", "Joshi", "Chopra", "Malhotra", "Kapoor", "Bhat", "Pillai",
			"Agarwal", "Banerjee", "Chatterjee", "Mukherjee", "Das", "D'Souza", "Fernandes", "Sandhu", "Gill",
			"Dhillon", "Venkataraman", "Subramanian"},
	},
	cultKorean: {
		female: []string{"Ji-woo", "Seo-yeon", "Min-ji", "Soo-jin", "Hye-jin", "Eun-ji", "Yuna", "Grace", "Esther",
			"Jiyoung", "Sarah", "Hannah"},
		male: []string{"Min-jun", "Ji-hoon", "Seung-ho", "Dong-hyun", "Jae-won", "Sung-min", "Daniel", "Joseph",
			"Hyun-woo", "David", "Paul", "Samuel"},
		last: []string{"Kim", "Kim", "Lee", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
			"Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Song", "Yoo"},
	},
	cultJapanese: {
		female: []string{"Yuki", "Aiko", "Haruka", "Emi", "Naomi", "Keiko", "Sakura", "Mika", "Yumi", "Rina",
			"Amy", "Lauren"},
		male: []string{"Hiroshi", "Kenji", "Takashi", "Daisuke", "Kenta", "Ryo", "Satoshi", "Kazuo", "Haruto",
			"Ken", "Brian", "Scott"},
		last: []string{"Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
			"Sato", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu",
			"Mori", "Okada", "Nakagawa", "Fujii"},
	},
	cultPolish: {
		female: []string{"Agnieszka", "Katarzyna", "Małgorzata", "Anna", "Magdalena", "Joanna", "Zofia", "Ewa",
			"Beata", "Karolina", "Aleksandra", "Dorota"},
		male: []string{"Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Wojciech",
			"Grzegorz", "Andrzej", "Mateusz"},
		last: []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
			"Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Łukasiewicz",
			"Kaczmarek", "Grabowski", "Pawlak", "Michalski", "Zając", "Wróbel", "Kowalczyk", "Nowicki", "Sadowski"},
	},
	cultGerman: {
		female: []string{"Anna", "Katharina", "Sabine", "Julia", "Lena", "Hannah", "Greta", "Ingrid", "Heike",
			"Petra", "Jana", "Lea", "Ursula", "Monika"},
		male: []string{"Jürgen", "Klaus", "Stefan", "Andreas", "Thomas", "Matthias", "Lukas", "Felix", "Jonas",
			"Maximilian", "Dieter", "Uwe", "Tobias", "Gunter"},
		last: []string{"Müller", "Mueller", "Miller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
			"Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
			"Neumann", "Schwarz", "Zimmermann", "Braun", "Krueger", "Hofmann", "Hartmann", "Lange", "Vogel",
			"Friedrich", "Keller", "Guenther"},
	},
	cultNordic: {
		female: []string{"Ingrid", "Astrid", "Sigrid", "Freya", "Björk", "Linnea", "Maja", "Elin", "Sofie",
			"Kirsten", "Solveig", "Karin"},
		male: []string{"Søren", "Lars", "Anders", "Erik", "Magnus", "Nils", "Henrik", "Jens", "Bjørn", "Olav",
			"Gunnar", "Mikael"},
		last: []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsen", "Hansen",
			"Jensen", "Nielsen", "Pedersen", "Sørensen", "Lindqvist", "Björk", "Håkansson", "Lindström",
			"Bergström", "Åberg", "Halvorsen", "Solberg"},
	},
	cultFrench: {
		female: []string{"Amélie", "Chloé", "Camille", "Léa", "Manon", "Élodie", "Claire", "Sophie", "Juliette",
			"Margaux", "Hélène", "Céline"},
		male: []string{"François", "Jean-Luc", "Étienne", "Julien", "Mathieu", "Nicolas", "Olivier", "Pierre",
			"Rémi", "Sébastien", "Théo", "Louis", "Benoît"},
		last: []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
			"Moreau", "Lefèvre", "Girard", "Fontaine", "Rousseau", "Lambert", "Bonnet", "Chevalier", "Mercier",
			"Boucher", "Gagnon", "Côté", "Bélanger", "Lévesque", "Tremblay"},
	},
	cultMideast: {
		female: []string{"Layla", "Fatima", "Noor", "Yasmin", "Mariam", "Leila", "Shirin", "Nazanin", "Ani",
			"Lilit", "Sara", "Dalia", "Anahit"},
		male: []string{"Omar", "Ahmed", "Karim", "Tariq", "Yusuf", "Ali", "Hassan", "Reza", "Dariush", "Arman",
			"Aram", "Tigran", "Samir"},
		last: []string{"Haddad", "Khoury", "Nasser", "Saleh", "Hamdan", "Farah", "Mansour", "Abboud", "Hosseini",
			"Rahimi", "Tehrani", "Karimi", "Sarkisian", "Petrosyan", "Hakobyan", "Avetisyan", "Grigoryan", "Kazarian"},
	},
	cultAfrican: {
		female: []string{"Adaeze", "Chiamaka", "Ngozi", "Amara", "Abena", "Akosua", "Selam", "Hiwot", "Tigist",
			"Folake", "Zainab"},
		male: []string{"Chinedu", "Emeka", "Oluwaseun", "Tunde", "Kwame", "Kofi", "Yonas", "Dawit", "Tesfaye",
			"Ikenna", "Abdi"},
		last: []string{"Okafor", "Okonkwo", "Adeyemi", "Oyelaran", "Mensah", "Boateng", "Asante", "Tesfaye",
			"Bekele", "Haile", "Girma", "Eze", "Nwosu", "Balogun", "Abdullahi", "Mohamed"},
	},
}

// asciiFold spells a name in plain ASCII for e-mail addresses.
var asciiFold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'å': "a", 'ą': "a", 'ã': "a", 'ạ': "a", 'ặ': "a",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ę': "e", 'ễ': "e", 'ế': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'ø': "o", 'ọ': "o", 'ơ': "o",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ư': "u",
	'ñ': "n", 'ń': "n", 'ç': "c", 'ć': "c", 'ł': "l", 'ś': "s", 'ź': "z", 'ż': "z", 'đ': "d", 'ß': "ss",
	'ầ': "a", 'ấ': "a", 'ậ': "a", 'ả': "a", 'ỳ': "y", 'ý': "y", 'ũ': "u", 'ủ': "u", 'ụ': "u", 'ữ': "u",
	'ồ': "o", 'ố': "o", 'ộ': "o", 'ỗ': "o", 'ở': "o", 'ớ': "o", 'ờ': "o", 'ợ': "o",
}
