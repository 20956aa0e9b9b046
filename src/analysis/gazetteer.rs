//! Word lists for recognising people: titles and roles, given names, Chinese family
//! names, and the capitalised words that mark a phrase as something other than a
//! person (organisations, places, events, works, calendar words).

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Titles written with a full stop (`Mr. Chen`): the stop ends neither the name's
/// phrase nor a sentence.
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Lt", "Col", "Capt", "Gov", "Jr", "Sgt",
    "Maj", "Cpl", "Pvt", "Adm",
];

/// Capitalised titles that, standing before a name, say who the person is.
pub static HEAD_TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "President President-elect Vice-President Minister Premier Chancellor Secretary \
         Secretary-General Under-Secretary Ambassador Envoy Spokesperson Spokesman Spokeswoman \
         Senator Sen Governor Gov Mayor Congressman Congresswoman Representative Rep Speaker \
         Chairman Chairwoman Chairperson Chair Director Director-General Commissioner \
         Counsellor Councillor Mr Mrs Ms Miss Dr Prof Professor King Queen Prince Princess \
         Emperor Empress Pope Cardinal Bishop Archbishop Rabbi Imam Sheikh Sir Lord Lady Dame \
         Judge Justice Gen Colonel Col Lieutenant Lt Captain Capt Major Admiral \
         Marshal Sergeant Sgt Maj Cpl Pvt Adm Commander Officer Inspector Detective Coach Manager Premier \
         Leader Chief Dean Consul Attorney Prosecutor Reporter Correspondent Editor \
         Ayatollah Crown Grand Duke Duchess Baron Baroness Mufti Mullah",
    )
});

/// Capitalised words that may stand inside a title before a name without being one:
/// offices, ranks, departments (`Deputy Prime Minister`, `Treasury Secretary`).
pub static TITLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Deputy Vice Prime First Foreign Affairs Treasury State Defense Defence Finance \
         Commerce Trade Home Interior Justice Health Education Energy Labor Labour Culture \
         Agriculture Transport Economy Economic Executive Chief Senior Former Acting Assistant \
         Associate Interim Supreme Federal National Regional Provincial Party General \
         Permanent Special Ministry Foreign-Affairs Press Public Security Development \
         Environment Industry Information Science Technology Minority Majority Opposition \
         Army Navy Air Force Joint Staff House Senate Cabinet Council Committee Head \
         Managing Founding Co-founder Founder Then Incoming Outgoing Current Late",
    )
});

/// Role nouns, compared in lower case (a trailing plural `s` is dropped first):
/// `spokesperson Mao Ning`, `Cui Heng, a scholar from ...`.
pub static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "president president-elect minister premier chancellor secretary secretary-general \
         ambassador envoy diplomat spokesperson spokesman spokeswoman senator governor mayor \
         congressman congresswoman lawmaker legislator mp representative speaker chairman \
         chairwoman chairperson chair director director-general commissioner counsellor \
         councillor adviser advisor consultant professor lecturer scholar researcher \
         analyst expert economist scientist historian fellow dean principal teacher student \
         reporter correspondent journalist editor columnist commentator anchor writer author \
         novelist poet playwright artist painter sculptor photographer designer architect \
         engineer dancer ballerina choreographer actor actress singer musician composer \
         conductor pianist violinist director producer filmmaker player coach captain \
         athlete champion judge justice lawyer attorney prosecutor barrister solicitor \
         doctor physician surgeon nurse officer official inspector detective commander \
         general colonel admiral soldier veteran king queen prince princess pope bishop \
         priest monk founder co-founder ceo cfo cto executive manager boss owner entrepreneur \
         investor banker chief head leader activist campaigner organizer organiser \
         volunteer resident villager farmer worker employee staffer aide deputy vice \
         curator spokesperson-general secretary-general president-designate chairman-elect \
         candidate nominee mother father son daughter wife husband widow brother sister \
         grandmother grandfather boy girl man woman teenager citizen national tourist \
         passenger driver pilot",
    )
});

/// Lower-case words that may stand inside a role before its noun
/// (`White House press secretary`, `deputy judge`).
pub static ROLE_MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "deputy vice chief senior former acting assistant associate executive general \
         press foreign top prime then-president then-prime state political military \
         defense defence finance trade health education economic managing founding \
         veteran leading renowned famous noted well-known retired late incoming outgoing \
         interim permanent special regional provincial national local party ministry \
         research visiting honorary",
    )
});

/// Verbs of speech that make a capitalised pair next to them a person (`Mao Ning said`,
/// `said Overchuk`).
pub static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "said says told noted added stressed emphasized emphasised explained wrote argued \
         warned asked replied recalled commented claimed insisted believes believed \
         suggested acknowledged admitted urged announced pointed remarked observed \
         tweeted posted testified confirmed denied",
    )
});

/// Past participles that put a person after `by` (`choreographed by Mauro Bigonzetti`).
pub static BY_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "choreographed directed written composed painted photographed designed performed \
         founded hosted chaired authored edited conducted produced narrated illustrated \
         translated sung played interviewed signed",
    )
});

/// Nouns that, heading an apposition, say the phrase before it is not a person:
/// `Gabrielle Chanel, a dance drama about ...`.
pub static WORK_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "drama ballet opera play film movie documentary novel book song album show series \
         exhibition festival museum company firm group organization organisation agency \
         brand restaurant hotel company newspaper magazine channel program programme \
         project initiative campaign event forum conference summit city town village \
         province region district county state country island river mountain lake park \
         street road bridge building tower temple palace hall theatre theater stadium \
         university college school institute hospital bank fund airport station port \
         ship vessel aircraft app platform website",
    )
});

/// Capitalised words that make a phrase an organisation, place, event or work.
pub static NOT_NAME_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Photograph Photographs Picture Pictures Getty Images AP AFP Corps Women Men \
         Children Health Care Indigenous Australians Americans Britons Russians Europeans \
         Africans Asians Democrats Republicans Eyes Watch Mechanism Supervision Quality \
         Inspection Quarantine Relations Studies Policy Forum Hall Theatre Theater Temple Palace Museum Gallery Library Tower Bridge Square \
         Street Road Avenue Lane Boulevard Park Garden Gardens Stadium Arena Centre Center \
         Airport Port Station Railway Harbour Harbor Bay River Lake Mountain Mountains Mount \
         Valley Sea Ocean Island Islands Desert Canal Springs Beach Coast Gulf Strait \
         University College School Academy Institute Institution Hospital Clinic Church \
         Cathedral Mosque Ministry Department Office Bureau Agency Commission Committee \
         Council Congress Parliament Assembly Senate House Court Tribunal Party Union \
         League Federation Association Society Foundation Fund Bank Group Company Corp \
         Corporation Inc Ltd Co Holdings Industries Airlines Airways Motors Systems \
         Technologies Times Daily News Post Journal Herald Tribune Gazette Review Press \
         Telegraph Guardian Observer Weekly Magazine Television Radio Network Channel \
         Media Agency Service Services Force Forces Army Navy Guard Police Team Club \
         Cup Games Olympics Championship Championships Festival Fair Expo Summit Conference \
         Session Sessions Initiative Strategy Plan Program Programme Project Act Law Treaty \
         Accord Agreement Declaration Statement Charter Constitution Report Index Award \
         Prize Day Week Year Years Era War Revolution Dynasty Empire Kingdom Republic \
         Federation Province Prefecture County District City Town Village Region State \
         States Territory Territories Zone Area Economic Cooperation Organization \
         Organisation Spirit Thought South North East West Southeast Southwest Northeast \
         Northwest Central Global Western Eastern Northern Southern Middle Asia-Pacific \
         Belt Road Silk Route Corridor Initiative Market Exchange Stock Index Capital \
         Heaven Kremlin Capitol Pentagon Parliament Hill Oval Embassy Consulate Mission \
         Government Administration Authority Authorities Regime Cabinet Secretariat \
         International Rights Welfare Affairs Nadu Pradesh Xinhua Tass Reuters Politico Bloomberg Weibo WeChat Twitter Facebook Google Apple \
         Microsoft Amazon Huawei Tencent Alibaba Boeing Airbus Covid Coronavirus God Lord \
         Christ Allah Buddha Christmas Easter Ramadan Olympic Paralympic Bolshoi Ballet \
         Opera Orchestra Philharmonic Theatre Studio Studios Pictures Records Film Films \
         Project Museum Hotel Resort Restaurant Mall Plaza Tower Towers Building Buildings \
         Village Villages Town Cities Province Provinces Jiaotong Tsinghua Peking Fudan \
         Nankai Zhejiang Sichuan Shandong Guangdong Jiangsu Hubei Hunan Henan Hebei Shanxi \
         Shaanxi Yunnan Guizhou Fujian Anhui Jiangxi Liaoning Jilin Heilongjiang Gansu \
         Qinghai Hainan Xinjiang Tibet Ningxia Guangxi Chongqing Tianjin Shanghai Beijing \
         Shenzhen Guangzhou Hangzhou Nanjing Wuhan Chengdu Xi'an Harbin Qingdao Dalian \
         Xiamen Suzhou Kunming Changsha Zhengzhou Jinan Shenyang Lhasa Urumqi Hohhot \
         Nanning Haikou Sanya Macao Macau Taiwan Taipei Linyi Boao Davos",
    )
});

/// Places that can look like names (countries, capitals, big cities, regions).
pub static PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "China Russia Ukraine America Europe Asia Africa Australia Canada Mexico Brazil \
         Argentina Chile Peru Colombia Venezuela Cuba India Pakistan Bangladesh Nepal Sri \
         Lanka Afghanistan Iran Iraq Syria Israel Palestine Gaza Lebanon Jordan Egypt Libya \
         Tunisia Algeria Morocco Sudan Ethiopia Kenya Nigeria Ghana Senegal Somalia Uganda \
         Tanzania Zambia Zimbabwe Angola Congo Cameroon Mali Niger Chad Japan Korea Vietnam \
         Laos Cambodia Thailand Myanmar Malaysia Singapore Indonesia Philippines Mongolia \
         Kazakhstan Uzbekistan Kyrgyzstan Tajikistan Turkmenistan Turkey Greece Italy Spain \
         Portugal France Germany Austria Switzerland Belgium Netherlands Holland Luxembourg \
         Denmark Norway Sweden Finland Iceland Ireland Britain England Scotland Wales Poland \
         Hungary Slovakia Slovenia Croatia Serbia Bosnia Montenegro Albania Kosovo Romania \
         Bulgaria Moldova Belarus Lithuania Latvia Estonia Georgia Armenia Azerbaijan Cyprus \
         Malta Saudi Arabia Emirates Qatar Kuwait Bahrain Oman Yemen Zealand Fiji Samoa \
         Washington Moscow Kiev Kyiv Budapest Brussels Paris London Berlin Rome Madrid Lisbon \
         Vienna Prague Warsaw Athens Ankara Istanbul Tehran Baghdad Damascus Beirut Cairo \
         Riyadh Dubai Doha Delhi Mumbai Kolkata Chennai Bengaluru Bangalore Karachi Lahore \
         Islamabad Kabul Dhaka Tokyo Osaka Seoul Pyongyang Hanoi Bangkok Manila Jakarta \
         Sydney Melbourne Canberra Ottawa Toronto Vancouver Montreal Chicago Boston Houston \
         Dallas Texas California Florida Virginia Carolina Ohio Michigan Arizona Nevada \
         Oregon Colorado Utah Alabama Alaska Hawaii Kentucky Tennessee Louisiana Missouri \
         Minnesota Wisconsin Iowa Kansas Nebraska Oklahoma Arkansas Mississippi Indiana \
         Illinois Pennsylvania Jersey York Massachusetts Connecticut Maryland Delaware Maine \
         Vermont Idaho Montana Wyoming Dakota Manhattan Brooklyn Hollywood Angeles Francisco \
         Diego Antonio Seattle Atlanta Miami Detroit Philadelphia Baltimore Geneva Zurich \
         Munich Frankfurt Hamburg Milan Naples Barcelona Amsterdam Rotterdam Stockholm Oslo \
         Copenhagen Helsinki Dublin Edinburgh Glasgow Manchester Liverpool Birmingham \
         Minsk Vilnius Riga Tallinn Tbilisi Yerevan Baku Astana Almaty Tashkent Bishkek \
         Petersburg Vladivostok Novosibirsk Crimea Donbas Donbass Donetsk Luhansk Kherson \
         Odessa Odesa Kharkiv Mariupol Bakhmut Avdiivka Sahel Balkans Caucasus Siberia \
         Arctic Antarctica Pacific Atlantic Mediterranean Caribbean Eurasia Scandinavia \
         Hainan Xinjiang Tibet Victoria Queensland Tasmania Adelaide Perth Brisbane \
         Darwin Hobart Auckland Wellington NSW Vic Guatemala Honduras Salvador Nicaragua Panama Haiti Jamaica \
         Ecuador Bolivia Paraguay Uruguay Kazan Sochi Hiroshima Nagasaki Taiwan Macao",
    )
});

/// Demonyms and country codes that stand before a title (`Russian President`).
pub static DEMONYMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Chinese Russian Ukrainian American British English French German Italian Spanish \
         Portuguese Dutch Belgian Swiss Austrian Polish Hungarian Czech Slovak Romanian \
         Bulgarian Serbian Croatian Greek Turkish Cypriot Swedish Norwegian Danish Finnish \
         Irish Scottish Welsh Estonian Latvian Lithuanian Belarusian Georgian Armenian \
         Azerbaijani Kazakh Uzbek Kyrgyz Tajik Mongolian Japanese Korean Vietnamese Thai \
         Cambodian Lao Burmese Malaysian Singaporean Indonesian Filipino Philippine Indian \
         Pakistani Bangladeshi Nepali Afghan Iranian Iraqi Syrian Israeli Palestinian \
         Lebanese Jordanian Egyptian Libyan Saudi Emirati Qatari Kuwaiti Yemeni Omani \
         Ethiopian Kenyan Nigerian Ghanaian South-African African Moroccan Algerian \
         Tunisian Sudanese Canadian Mexican Brazilian Argentine Argentinian Chilean \
         Peruvian Colombian Venezuelan Cuban Australian New Zealand European Asian Arab \
         Western Eastern Soviet Taiwanese Tibetan Uygur Uyghur Serb Chinese-American US UK EU UN USA PRC \
         NATO WHO IMF WTO SCO BRICS ASEAN G7 G20 Republican Democratic Democrat Labour \
         Conservative Tory Liberal Communist",
    )
});

/// Capitalised words at the start of a sentence that are not names, with the calendar
/// words (`May`, `Thursday`).
pub static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "The A An And But Or Nor So Yet For In On At By To From Of With Without As If When \
         While Where Why How What Which Who Whom Whose That This These Those There Here Then \
         Now Also Still Even Just Only Both Either Neither Each Every All Any Some Many Much \
         More Most Few Such Other Another Not No Yes It Its He She They We You I Me Him Her \
         Them Us Our Your Their His My Mine After Before Since Until During Despite Although \
         Though Because However Meanwhile Moreover Furthermore Therefore Thus Hence Besides \
         Instead Otherwise Indeed Already Again Once Twice Last Next Previously Currently \
         Recently Finally Firstly Secondly Thirdly First Second Third Fourth Fifth Sixth \
         Seventh Eighth Ninth Tenth Unlike Like Against Among Amid Amongst Within Across \
         Along Around Over Under Above Below Between Beyond Through Throughout Toward \
         Towards Upon Via Per Dear Please Thank Thanks According Under Following Read \
         Related Photo Photos Illustration Image Video Source Sources Note Editor Editor’s \
         Editor's Mr. Looking Based Clearly Especially Additionally Unfortunately Maintaining \
         Summarizing Extending Faced Aerial Bilateral Cultural Implementing History \
         January February March April May June July August September October November \
         December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday \
         Thursday Friday Saturday Sunday Today Tomorrow Yesterday Tonight Morning Evening \
         Spring Summer Autumn Fall Winter Internet Made One Two Three Four Five Six Seven \
         Eight Nine Ten Eleven Twelve Twenty Thirty Hundred Thousand Million Billion",
    )
});

/// Common given names (Western, Slavic, Arabic, Indian and others): a capitalised pair
/// starting with one of these is a person even without a role.
pub static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Aaron Abdul Abdullah Adam Adrian Ahmed Ahmad Alan Albert Alberto Alex Alexander \
         Alexandra Alexandre Alexei Alexey Alexis Ali Alice Alicia Alison Amanda Amelia Amir \
         Amit Amy Ana Anatoly Andre Andrea Andreas Andrei Andrew Andrey Andriy Angela Angelo \
         Anita Ann Anna Anne Annie Anthony Anton Antonio Antony Anwar Arthur Arvind Ashley \
         Ashok Barack Barbara Benjamin Bernard Bernie Beth Betty Bill Bob Bobby Boris Brad \
         Brandon Brenda Brian Bruce Bruno Carl Carlos Carol Caroline Catherine Charles \
         Charlie Charlotte Chris Christian Christina Christine Christopher Chuck Claire \
         Claudia Colin Craig Dan Daniel Danielle Darren David Dean Deborah Denis Dennis \
         Diana Diane Dmitri Dmitry Dmitriy Dominic Donald Donna Doris Dorothy Doug Douglas \
         Drew Eddie Edward Elena Elizabeth Ella Ellen Emily Emma Emmanuel Eric Erika Erik \
         Ethan Eugene Eva Evan Evgeny Fatima Felix Fernando Francesco Francis Francisco \
         Frank Franz Fred Frederick Gabriel Gabrielle Gary Gavin Gene Geoffrey George \
         Gerald Gerhard Gina Giorgia Giovanni Glenn Gordon Graham Greg Gregory Hamid Hannah \
         Hans Harold Harry Hassan Heather Heinz Helen Helmut Henry Hillary Howard Hugh Hugo \
         Hussein Ian Igor Ilya Imran Irina Isaac Ivan Jack Jacob Jacques Jake James Jamie \
         Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jen Jennifer Jens Jeremy Jerome \
         Jerry Jessica Jill Jim Jimmy Joan Joe Joel Johann John Johnny Jon Jonathan Jorge \
         Jose Joseph Josh Joshua Joyce Juan Judith Julia Julian Julie Justin Kamala Karen \
         Karl Kate Katherine Kathleen Kathryn Keir Keith Kelly Ken Kenneth Kevin Kim \
         Kimberly Klaus Kristin Kumar Larry Laura Lauren Lawrence Leo Leon Leonid Lisa Liz \
         Louis Louise Lucas Luis Luke Lynn Manuel Marco Margaret Maria Marie Marine Mario \
         Mark Marta Martin Mary Matt Matteo Matthew Mauro Max Maxim Megan Mehmet Melissa \
         Michael Michel Michelle Miguel Mike Mikhail Mitch Mohamed Mohammad Mohammed \
         Muhammad Nadia Nancy Narendra Natalia Natalie Nathan Neil Nicholas Nick Nicola \
         Nicolas Nikita Nikolai Nina Noah Oleg Oleksandr Olga Oliver Olivia Omar Oscar \
         Pamela Patricia Patrick Paul Paula Pedro Peter Philip Philippe Pierre Rachel Rahul \
         Raj Rajesh Ralph Ramon Randy Raymond Rebecca Recep Richard Rick Rishi Rita Rob \
         Robert Roberto Robin Roger Roman Ron Ronald Rosa Ruth Ryan Sabine Sadiq Sally Sam \
         Samantha Samuel Sandra Sara Sarah Scott Sean Sebastian Sergei Sergey Sergio \
         Shannon Sharon Shinzo Simon Sophie Stefan Stephanie Stephen Steve Steven Susan \
         Svetlana Tatiana Tatyana Ted Teresa Theresa Thomas Tim Timothy Tina Todd Tom Tony \
         Tracy Ursula Valentina Valery Vanessa Victor Viktor Vincent Vivek Vladimir \
         Vladislav Volodymyr Walter Wayne Wendy William Willie Xavier Yevgeny Yuri Yury \
         Zachary Zoe Yoshihide Fumio Shigeru Moon Yoon Narges Emmanuelle Olaf Annalena \
         Boris Liz Rishi Jeremy Ron Kevin Nikki Vivek Marjorie Lindsey Mitt Nancy Chuck \
         Antony Lloyd Jake Janet Gina Kristalina Ngozi Tedros Antonio Josep Charles Camilla \
         Harry Meghan Kate Elon Jeff Sundar Satya Tim Mark Warren",
    )
});

/// Common Chinese family names in pinyin: a pair starting with one of these and ending
/// in a pinyin given name is a Chinese name, family name first.
pub static CHINESE_FAMILY_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo \
         Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu \
         Jiang Cai Jia Ding Wei Xue Ye Yan Lu Shi Du Dai Xia Zhong Wan Fu Qian Qin Tan Yin \
         Lai Gong Kong Bai Cui Kang Mao Qiu Hou Shao Meng Long Wan Duan Lei Qian Tang Yi \
         Chang Hao Gu Fan Zou Xiong Jin Ren Mo Bi Shen Geng Ge Hong Qi Niu Ke Xiang Ni Wen \
         Lian Ou Ouyang Situ Zhuge Sima Xi Hua Lou Yao Su Fang Lyu Lv Shan Bao Miao Zhan \
         Xing Chu Rao Jing Lan Tao Ruan Yue An Quan Gan Pang Che Ji Mei Sheng Zuo Guan Huo",
    )
});

/// Pairs that look like Chinese names but are places.
pub static CHINESE_SHAPED_PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Hong_Kong Xi_An Shan_Xi Jiang_Su Hu_Nan Hu_Bei He_Nan He_Bei Yun_Nan Gui_Zhou \
         Fu_Jian An_Hui Jiang_Xi Liao_Ning Ji_Lin Gan_Su Qing_Hai Hai_Nan Ning_Xia",
    )
});
