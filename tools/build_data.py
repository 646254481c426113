#!/usr/bin/env python3
"""Rebuild data/ from the researched reference in ../shared/reference/.

Run from the repository root:  python3 tools/build_data.py [REFERENCE_DIR]

It converts the reference records (which carry full source objects and country
names) into the normalized files the bot loads: sources are deduplicated into
data/sources.json and referenced by id, countries are ISO 3166-1 alpha-2 codes,
and the uncertain points listed in the reference's SOURCES.md are attached to
their records as `uncertain` notes. The script is deterministic: running it
twice gives the same files.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

REF = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
OUT = Path("data")

# Aliases and former names that the world-countries table lacks. Each is a
# spelling users type; none is a fact about missions, so none needs a source.
EXTRA_ALIASES = {
    "GB": ["Britain", "U.K.", "England", "Scotland", "Wales"],
    "US": ["America", "U.S.", "U.S.A.", "United States"],
    "CZ": ["Czech Republic", "Czech"],
    "LA": ["Lao PDR"],
    "CD": ["Zaire", "Congo-Kinshasa", "Democratic Republic of the Congo"],
    "CG": ["Congo-Brazzaville"],
    "TR": ["Turkey"],
    "CV": ["Cabo Verde"],
    "LK": ["Ceylon"],
    "RU": ["USSR", "Soviet Union"],
    "RS": ["Yugoslavia"],
    "KH": ["Kampuchea"],
    "AE": ["UAE", "Emirates"],
    "VA": ["Holy See"],
    "MM": ["Burma"],
    "NL": ["Holland"],
    "SZ": ["Swaziland"],
    "CI": ["Ivory Coast"],
    "BR": ["Brasil"],
    "KR": ["Korea, South", "ROK"],
    "KP": ["Korea, North", "NK"],
    "BJ": ["Dahomey"],
    "BF": ["Upper Volta"],
    "TH": ["Siam"],
    "IR": ["Persia"],
}

# The "Uncertain / conflicting" section of SOURCES.md, attached to records.
MISSION_UNCERTAIN = {
    ("CD", "Kinshasa"): "DR Congo's foreign ministry said the embassy was closing (Nov/Dec 2023), but the ROK list of 30 Jan 2024 still counts it; status left as unknown.",
    ("LY", "Tripoli"): "Closure confirmed by the ROK on 30 Jan 2024 with no date given; whether the mission was staffed in 2017 is unknown.",
    ("BD", "Dhaka"): "Closure dated late Nov 2023 by Yonhap/Daily Star; some re-hosted copies carry 2024 timestamps.",
    ("NP", "Kathmandu"): "Ambassador's name: Jo Yong Man (NK News, KBS, Annapurna Express) or Kim Yong Su (Kathmandu Post).",
    ("BY", "Minsk"): "Opening date (Sept 2016) inferred from the UDF.by and KBS reports, which carry no year; the Belarus MFA said at first the embassy was not fully functioning.",
    ("NI", "Managua"): "A 2023 agreement on reciprocal embassies exists, but no source confirms that a DPRK embassy reopened in Managua.",
    ("ES", "Madrid"): "Opening year of the Madrid embassy: 2013 (Vietnam.vn, relaying Korean press) or 2014 (Yonhap via The Korea Times).",
    ("PE", "Lima"): "A ROK official said in Dec 2023 the embassy had been largely inactive since the 2017 expulsion, yet the ROK list of Jan 2024 still counts it.",
    ("PK", "Karachi"): "Appears only on the Wikipedia list and in passing press mentions; not counted by the ROK; status unverified.",
    ("CN", "Dandong"): "Appears only on the Wikipedia list; not counted by the ROK; status unverified.",
    ("JP", "Tokyo"): "Chongryon is a de facto, non-diplomatic body; not counted by the ROK; status unverified.",
    ("UZ", "Tashkent"): "The cause of the closure: a restructuring of the DPRK's posts in the CIS and Uzbekistan's refusal to accept an ambassador (Trend, Yonhap), or Uzbekistan's request after the Jan 2016 nuclear test (KBS Chinese service).",
    ("UG", "Kampala"): "Which embassy took over Uganda: Pretoria in the reports this record first used (NK News, relayed by Vietnam.vn), Malabo in the outgoing ambassador's farewell as Ugandan media reported it (Hankyung, relaying The Independent: the DPRK's ambassador to Equatorial Guinea will also cover Uganda).",
}
MISSION_OPENED = {("BY", "Minsk"): "2016-09", ("ES", "Madrid"): "2013"}

EXPULSION_UNCERTAIN = {
    ("DK", "1976-10"): "Dated only as 'several days' before 19 Oct 1976 (CIA daily brief).",
    ("NO", "1976-10-18"): "Dated from the CIA daily brief of 19 Oct 1976 ('yesterday').",
    ("SE", "1976-10"): "Names and exact date not found; month only.",
    ("FI", "1976-10"): "Names and exact date not found; month only.",
    ("SE", "1996"): "Names and exact date not found; rests on a single Wikipedia-derived page.",
    ("UZ", "2016-08"): "Described either as DPRK restructuring (Trend, Yonhap-based reports) or as an Uzbek request after the Jan 2016 nuclear test (KBS Chinese service).",
    ("MX", "2017-09-07"): "7 Sep 2017 is Mexico time; some Asian outlets give 8 Sep. VOA's Korean service romanises the name as Kim Hyong Il.",
    ("KW", "2017-09-17"): "Reports differ on whether the ambassador plus four diplomats or 'several' diplomats were expelled; per Reuters' DPRK source the ambassador's term was ending anyway.",
    ("IT", "2017-10-01"): "Mun Jong Nam had not completed accreditation, so he is recorded as ambassador-designate and 'asked to leave'.",
    ("PT", "2017-07"): "Described both as 'severed' and as a decision to 'suspend' relations and official contacts; there was no DPRK mission to close.",
    ("ES", "2017-08-31"): "Dated 31 Aug 2017 by Yonhap and placed in August by NHK, but dated 1 Sep by Xinhua.",
    ("MM", "1983-11-06"): "News1 (2025) dates Burma's declaration that it was severing relations to 4 Nov 1983; the Christian Science Monitor (7 Nov 1983) reports the DPRK mission expelled on Sunday (6 Nov), after a decision to cut relations that the DPRK denounced on Saturday (5 Nov).",
}
RELATION_UNCERTAIN = {
    "CD": "Year of relations: 1972 per NK News; Yonhap gives 1964, probably the Republic of the Congo.",
    "BY": "Embassy opening date (2016-09) inferred from reports that carry no year.",
    "PT": "Described both as 'severed' and as 'suspended'.",
    "UZ": "The 2016 closure is described either as DPRK restructuring or as an Uzbek request.",
    "NI": "No source confirms that a DPRK embassy reopened in Managua.",
}

# Sources cited in SOURCES.md for the headline counts but attached to no record.
COUNT_SOURCES = [
    {"title": "DPRK Diplomatic Relations (briefing paper, last updated August 2016)", "publisher": "National Committee on North Korea (NCNK)", "date": "2016-08", "url": "https://ncnk.org/resources/briefing-papers/all-briefing-papers/dprk-diplomatic-relations"},
    {"title": "Which countries have relations with North Korea?", "publisher": "Deutsche Welle", "date": "2017-11-30", "url": "https://www.dw.com/en/which-countries-have-diplomatic-relations-with-north-korea/a-41597549"},
    {"title": "Which are the countries still talking to North Korea?", "publisher": "BBC News", "date": "2017-12", "url": "https://feeds.bbci.co.uk/news/world-asia-42351336"},
    {"title": "North Korea's missions abroad number about 50 (Korean)", "publisher": "Dong-A Ilbo", "date": "2023-10-31", "url": "https://donga.com/news/amp/all/20231031/121950370/1"},
    {"title": "North Korea to close 25% of embassies around world", "publisher": "Big News Network", "date": "2023-11", "url": "https://bignewsnetwork.com/news/274022932/north-korea-to-close-25-of-embassies-around-world"},
    {"title": "Mapped: North Korea's Diplomatic Missions Abroad", "publisher": "Foreign Policy", "date": "2017-09-21", "url": "https://foreignpolicy.com/2017/09/21/mapped-north-koreas-diplomatic-missions-abroad/"},
]


# Facts researched after the reference was written (2026-11-29), each from a
# report read in full through the search tool's stored pages.
SANTIAGO_TIMES_PERU = {"title": "Peru expels two North Korean diplomats", "publisher": "The Santiago Times",
                       "date": "2017-12-23", "url": "https://santiagotimes.cl/2017/12/23/peru-expels-two-north-korean-diplomats"}
MADA_MASR_EGYPT = {"title": "How Egypt is fixing its North Korea 'problem'", "publisher": "Mada Masr",
                   "date": "2017-10-26", "url": "https://madamasr.com/en/2017/10/26/feature/politics/how-egypt-is-fixing-its-north-korea-problem/"}
KOREA_HERALD_CHOE_IL = {"title": "NK names new envoy to Britain following senior diplomat's defection", "publisher": "The Korea Herald (Yonhap)",
                        "date": "2016-11-03", "url": "https://m.koreaherald.com/view.php?ud=20161103000918"}
DAILY_STAR_DHAKA = {"title": "North Korea closes embassy in Bangladesh", "publisher": "The Daily Star",
                    "date": "2023-11-26", "url": "https://www.thedailystar.net/news/bangladesh/diplomacy/news/north-korea-closes-embassy-bangladesh-3479566"}
NK_NEWS_DHAKA = {"title": "North Korea closes embassy in Bangladesh, citing 'operational' realignment", "publisher": "NK News",
                 "date": "2023-11-27", "url": "https://nknews.org/2023/11/north-korea-closes-embassy-in-bangladesh-citing-operational-realignment"}

ADDED_EXPULSIONS = [
    {"iso2": "LC", "date": "1988-03", "person": None, "role": "non-resident ambassador (resident in Guyana)",
     "action": "relations_severed", "trigger": "bombing of Korean Air flight 858 (29 Nov 1987)",
     "notes": "Saint Lucia broke off relations unilaterally in Mar 1988, after the bombing of Korean Air flight 858. Relations were restored in 1990: Im Gi Taek, the DPRK's ambassador resident in Guyana, presented his credentials on 10 Sep 1990.",
     "uncertain": None,
     "sources": [{"title": "북한, 세인트루시아와 2년만에 복교 (내외통신)", "publisher": "한국경제 (Hankyung)", "date": "1990-09-22", "url": "https://www.hankyung.com/news/article/1990092200771"}]},
    {"iso2": "FJ", "date": "1987", "person": None, "role": "relations (no resident DPRK mission)",
     "action": "relations_severed", "trigger": "bombing of Korean Air flight 858 (29 Nov 1987), with the international community",
     "notes": "Fiji suspended its relations with the DPRK from 1987 to 2001 as part of the international response to the bombing of a South Korean airliner, and resumed them in 2002.",
     "uncertain": "Fiji's government calls it a suspension, not a severance; it gives the year only.",
     "sources": [{"title": "Cabinet approves memorandum of understanding between Fiji and the DPRK (28/8/12)", "publisher": "Government of Fiji", "date": "2012-08-28",
                  "url": "https://www.fiji.gov.fj/Media-Centre/Cabinet-Releases/28-8-12---CABINET-APPROVES-MEMORANDUM-OF-UNDERSTAN"}]},
    {"iso2": "CR", "date": "1983-11-23", "person": None, "role": "relations (no resident DPRK mission)",
     "action": "relations_severed", "trigger": "Rangoon bombing (9 Oct 1983)",
     "notes": "Costa Rica's cabinet resolved on 23 Nov 1983 to break off relations, announced by the second vice-president on 2 Dec. President Monge told the ROK's special envoy that Costa Rica would establish no relations with the DPRK in future and regarded it not as a normal state but as a trainer of international terrorists; Seoul called it the strongest measure any state had taken after the bombing.",
     "uncertain": None,
     "sources": [{"title": "코스타리카, 북괴와 단교", "publisher": "중앙일보 (JoongAng Ilbo)", "date": "1983-12", "url": "https://www.joongang.co.kr/article/1724217"}]},
    {"iso2": "KM", "date": "1983", "person": None, "role": "non-resident mission (DPRK embassy in Madagascar)",
     "action": "relations_severed", "trigger": "Rangoon bombing (9 Oct 1983)",
     "notes": "The Comoros told the DPRK's embassy in Madagascar by a note, sent by registered mail, that it broke off relations: Burma's official inquiry had found the DPRK responsible for the bombing that killed 17 members of the South Korean delegation. Its embassy in France informed the Republic of Korea's.",
     "uncertain": "The report gives the day of the note (the 3rd) but not the month; the year is that of the bombing.",
     "sources": [{"title": "코모로공화국 북괴와 단교", "publisher": "중앙일보 (JoongAng Ilbo)", "date": "1983", "url": "https://www.joongang.co.kr/article/1726524"}]},
    {"iso2": "UA", "date": "2022-07-13", "person": None, "role": "non-resident ambassador (resident in Moscow)",
     "action": "relations_severed", "trigger": "the DPRK's recognition of the Donetsk and Luhansk 'people's republics' as independent states",
     "notes": "Ukraine announced the severance on 13 Jul 2022, the day the DPRK's recognition became known; political and economic ties had been frozen under UN sanctions before. On 30 Dec 2022 its cabinet also ended the 1994 agreement on an intergovernmental trade commission, citing the DPRK's support for Russia's aggression.",
     "uncertain": None, "sources": [{"title": "North Korea–Ukraine relations (Wikipedia, via a mirror)", "publisher": "Wikipedia", "date": None,
                                    "url": "https://wiki.riteme.site/wiki/North_Korea-Ukraine_relations"},
                                   {"title": "Ukraine terminates agreement with North Korea over its support for Russia's aggression", "publisher": "Euromaidan Press",
                                    "date": "2022-12-31", "url": "https://euromaidanpress.com/2022/12/31/ukraine-terminates-agreement-with-north-korea-over-its-support-for-russias-aggression/"}]},
    {"iso2": "JO", "date": "2018-02-01", "person": None, "role": "non-resident ambassador (resident in Damascus)",
     "action": "relations_severed", "trigger": "in line with the policy of Jordan's allies, after the US called on all states to cut ties over the DPRK's missile and nuclear tests",
     "notes": "A royal decree approved the cabinet's resolution no. 6056 of 15 Jan 2018 to cut all diplomatic relations with the DPRK; the accreditations of both non-resident ambassadors ended. Jordan had stopped issuing visas to DPRK citizens in May 2017.",
     "uncertain": None, "sources": [{"title": "Jordan to cut relations with North Korea", "publisher": "Roya News (Jordan Times)", "date": "2018-02-01",
                                    "url": "https://en.royanews.tv/news/13385/2018-02-01"}]},
    {"iso2": "EG", "date": "2017-10", "person": None, "role": "diplomats (mission downsized)",
     "action": "staff_reduced", "trigger": "US pressure over Egypt's military ties with the DPRK (UN sanctions)",
     "notes": "Mada Masr reported on 26 Oct 2017, from official statements and government and diplomatic sources, that Egypt had downsized the DPRK's diplomatic mission in Cairo, cut off military ties and suspended North Korean business in Cairo. No number of diplomats was given.",
     "uncertain": "Known from one report citing unnamed sources; no date or number was given, so the month is that of the report.",
     "sources": [MADA_MASR_EGYPT]},
    {"iso2": "PE", "date": "2017-12-22", "person": "Pak Myong Chol and Ji Hyok", "role": "diplomats (first secretary and third secretary)",
     "action": "persona_non_grata", "trigger": "activities incompatible with diplomatic functions; the DPRK's continued violations of UN Security Council resolutions",
     "notes": "Peru's foreign ministry announced on Friday 22 Dec 2017 that it had declared First Secretary Pak Myong Chol and Third Secretary Ji Hyok of the DPRK embassy in Lima persona non grata, with 15 days to leave, the day the Security Council passed new sanctions.",
     "uncertain": None, "sources": [SANTIAGO_TIMES_PERU]},
]

KBS_SWISS_ENVOY = {"title": "Swiss Ambassador to N. Korea Begins Official Duties", "publisher": "KBS World (Yonhap, KCNA)",
                   "date": "2025-02-21", "url": "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=191153"}
AP_POLAND_SWEDEN = {"title": "Poland moves to reopen embassy in North Korea closed during COVID-19 pandemic", "publisher": "The Atlanta Journal-Constitution (AP)",
                    "date": "2024-11-15", "url": "https://www.ajc.com/news/nation-world/poland-moves-to-reopen-embassy-in-north-korea-closed-during-covid-19-pandemic/DXENBVFLWBF6RNYABSQ6ZCHM2A/"}

NKNEWS_DAMASCUS = {"title": "Smoke and secrets: Inside the North Korean Embassy's hasty flight from Damascus", "publisher": "NK News",
                   "date": "2024-12-21", "url": "https://nknews.org/?p=950859"}
NKNEWS_EVACUATION = {"title": "Russia evacuates North Korean diplomats from Syria following Assad's ouster", "publisher": "NK News",
                     "date": "2024-12-15", "url": "https://nknews.org/2024/12/russia-evacuates-north-korean-diplomats-from-syria-following-assads-ouster"}
GIORNALE_DAMASCUS = {"title": "File segreti e documenti top secret: cosa nasconde l'ambasciata nordcoreana a Damasco", "publisher": "il Giornale",
                     "date": "2024-12", "url": "https://www.ilgiornale.it/news/cronaca-internazionale/file-segreti-e-documenti-top-secret-cosa-nasconde-2415013.html"}

# Later status snapshots of missions: (status, as of, sources, note).
MISSION_STATUS_UPDATES = {
    ("SY", "Damascus"): ("unknown", "2024-12", [NKNEWS_EVACUATION, NKNEWS_DAMASCUS, GIORNALE_DAMASCUS],
                         "After the fall of the Assad government in Dec 2024, Russia's foreign ministry said a special flight had taken DPRK diplomats from Damascus to Moscow (15 Dec 2024), and witnesses described staff leaving and documents burned at the embassy; whether it still operates is not known."),
    ("CH", "Bern"): ("open", "2025-01", [KBS_SWISS_ENVOY],
                     "The DPRK and Switzerland marked 50 years of relations at the DPRK embassy in Switzerland in Jan 2025."),
}

CANKOR_2001 = {"title": "CanKor Report 27: Canada announces diplomatic relations with the DPRK (DFAIT news release No. 17, 6 Feb 2001)",
               "publisher": "CanKor", "date": "2001-02-06", "url": "https://vtncankor.wordpress.com/2001/02/06/cankor-report-27/"}
CANADA_GC = {"title": "Canada - Democratic People's Republic of Korea (bilateral relations)", "publisher": "Government of Canada",
             "date": None, "url": "http://www.canadainternational.gc.ca/korea-coree/bilateral_relations_bilaterales/canada-dpr_korea-rpd_coree.aspx?lang=eng"}
WIKIMILI_CANADA = {"title": "Canada–North Korea relations (Wikipedia, via WikiMili mirror)", "publisher": "WikiMili / Wikipedia",
                   "date": None, "url": "https://wikimili.com/en/Canada–North_Korea_relations"}
NZ_DPRK_SOCIETY = {"title": "Formal Diplomatic Contact", "publisher": "DPR-Korea New Zealand (New Zealand-DPRK Society)",
                   "date": None, "url": "https://dprkorea.org.nz/nz-dprk-relations/a-challenging-relationship/formal-diplomatic-relations/"}
NZ_KCNA_2001 = {"title": "Foreign Policy (quoting KCNA, 26 Mar 2001)", "publisher": "DPR-Korea New Zealand (New Zealand-DPRK Society)",
                "date": "2001-03-26", "url": "https://dprkorea.org.nz/political/supreme-peoples-assembly/foreign-policy/"}

# Relations the reference lacks, each from sources read this session.
ADDED_RELATIONS = [
    {"iso2": "CA", "established": "2001-02-06", "status": "active",
     "notes": "Canada recognised the DPRK on 26 Jul 2000 and established relations on 6 Feb 2001. Since Oct 2010 its Controlled Engagement Policy limits official contact to regional security, human rights and humanitarian matters, inter-Korean relations and consular issues. Neither has an embassy in the other: Canada is represented by its ambassador in Seoul, the DPRK through its permanent mission to the UN in New York.",
     "uncertain": "Wikipedia (via WikiMili) says Canada suspended full diplomatic relations in 2010; the Government of Canada describes the same step as a policy restricting official contact, not a suspension.",
     "sources": [CANKOR_2001, CANADA_GC, WIKIMILI_CANADA]},
    {"iso2": "NZ", "established": "2001-03-26", "status": "active",
     "notes": "Relations at ambassadorial level from 26 Mar 2001 (KCNA). New Zealand's ambassador in Seoul is cross-accredited to the DPRK; neither has an embassy in the other.",
     "uncertain": None, "sources": [NZ_KCNA_2001, NZ_DPRK_SOCIETY]},
]

def src(title, publisher, date, url):
    return {"title": title, "publisher": publisher, "date": date, "url": url}


WILSON_FI_ANNEX_2 = src("Annex 2 to 'The Embassy of the Democratic People's Republic of Korea in Helsinki; Measures in Connection with Activities of Embassy Personnel'",
                        "Wilson Center Digital Archive (test mirror), Finnish MFA archives", "1976-10-20",
                        "https://wilson-center-digital-archive.dvincitest.com/node/99279")
DONGA_KIM_PYONG_IL = src("(Kim Pyong Il postpones credentials in Poland)", "Dong-A Ilbo", "1998-10-13",
                         "https://www.donga.com/news/Inter/article/all/19981013/7385926/1")

GOV_LS_CREDENTIALS = src("King accepts credentials from Korea", "Government of Lesotho (Lesotho News Agency)", "2025-04-17",
                         "https://www.gov.ls/international-relations/king-accepts-credentials-from-korea/")

# The DPRK foreign ministry's appointments of 14 Mar 2020 (Choe Il to Poland,
# Jong Song Il to South Africa, Choe Kang Il to Austria, Han Song U to Iran).
KOREA_HERALD_MARCH_2020 = src("(Report by Ahn Sung-mi, title not in the stored copy) North Korea names ambassadors to Austria, the Czech Republic, Poland, South Africa and Iran", "The Korea Herald", "2020-03-15",
                              "http://www.koreaherald.com/view.php?ud=20200315000205")


WIKI_DENMARK = src("Denmark–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Denmark%E2%80%93North_Korea_relations")
WIKI_FINLAND = src("Finland–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Finland%E2%80%93North_Korea_relations")
WIKI_NORWAY = src("North Korea–Norway relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Norway_relations")
IIAS_NORWAY = src("North Korea from a Norwegian perspective (The Newsletter 78)", "International Institute for Asian Studies", "2017",
                  "https://www.iias.asia/the-newsletter/article/north-korea-norwegian-perspective")
EAST_WEST_EU = src("From Coy to Cold Shoulder - The European Union and North Korea (Asia Pacific Bulletin)", "East-West Center", None,
                   "http://www.eastwestcenter.org/publications/coy-cold-shoulder-european-union-and-north-korea")
MINBUZA_NL = src("Nederland en Noord-Korea gaan diplomatieke betrekkingen aan (persbericht 06/01)", "Ministerie van Buitenlandse Zaken (via Open Nieuwsbank)",
                 "2001-01-15", "http://www.opennieuwsbank.nl/bericht/2001/01/15/D052-nederland-en-noord-korea-gaan-diplomatieke-betrekk.html")
LALIBRE_BE = src("La Belgique noue des relations diplomatiques avec la Corée du Nord", "La Libre Belgique (Belga)", "2001-01",
                 "https://www.lalibre.be/international/la-belgique-noue-des-relations-diplomatiques-51b8709ee4b0de6db9a568e4")
JJAN_BE = src("북한-벨기에 다음주에 수교", "전북일보 (Yonhap)", "2001-01-17", "https://www.jjan.kr/articleAmp/20010117026713")
LU_GOV = src("Rencontre entre des représentants du Luxembourg et de la République démocratique et populaire de Corée", "Gouvernement du Luxembourg",
             "2001-03-05", "https://gouvernement.lu/fr/actualites/toutes_actualites/communiques/2001/03/05Coree.html")
MFA_TR = src("Relations between Türkiye and the Democratic People's Republic of Korea", "Ministry of Foreign Affairs of Türkiye", None,
             "https://www.mfa.gov.tr/relations-between-turkey-and-the-democratic-peoples-republic-of-korea.en.mfa")
NK_CHOSUN_TR = src("북한-터키 대사급 외교관계 수립", "조선일보 NK조선 (Yonhap)", "2001-06-27", "http://nk.chosun.com/news/articleView.html?idxno=8185")
PEOPLES_DAILY_PH = src("Philippines, DPRK Establishes Diplomatic Relations", "People's Daily (Xinhua)", "2000-07-12",
                       "http://en.people.cn/english/200007/12/eng20000712_45369.html")
WIKI_PH = src("North Korea–Philippines relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Philippines_relations")
CHOSON_SINBO_KE = src("朝鮮とケニアが国交樹立", "朝鮮新報 (Choson Sinbo, KCNA)", "2008-10-01", "http://eigyou.korea-np.co.jp/j-2008/05/0805j1001-00002.htm")
WIKI_KENYA = src("Kenya–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Kenya%E2%80%93North_Korea_relations")
NKEW_KENYA = src("Kenya-DPRK relations established (The Standard, via BBC Monitoring)", "North Korean Economy Watch", "2009-10-15",
                 "https://www.nkeconwatch.com/category/countries/kenya/")
WIKI_MYANMAR = src("Myanmar–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Myanmar%E2%80%93North_Korea_relations")
ASIANEWS_MM = src("After 24 years Pyongyang and Yangon re-establish diplomatic relations", "AsiaNews", "2007-04-26",
                  "https://asianews.it/news-en/After-24-years-Pyongyang-and-Yangon-re-establish-diplomatic-relations-9101.html")
DIVERGENTES_NI = src("Nicaragua in North Korea: Beyond Diplomacy and Ideological Brotherhood", "Divergentes", "2023-07",
                     "https://www.divergentes.com/nicaragua-in-north-korea/")
SEOUL_MUSINGS = src("A few friends (quoting Wikipedia's Foreign relations of North Korea)", "Seoul Musings (blog)", "2016-09-15",
                    "https://seoulmusingsblog.wordpress.com/2016/09/15/a-few-friends/")
KORYO_JOURNAL = src("朝鮮と国交が無い国 (countries without relations with the DPRK)", "Koryo Journal", "2017-10", "http://koryojournal.news/?p=82")

SNKPRESS_ASEAN = src("북한은 은둔의 나라? 아세안 10개국 중 9개국과 수교, 50개국 이상에 대사 파견", "SNK Press", "2022-07-23",
                     "http://www.snkpress.kr/news/articleView.html?idxno=667")

MORE_RELATIONS = [
    {"iso2": "DK", "established": "1973-07-17", "status": "active",
     "notes": "Denmark expelled the DPRK's diplomats in Oct 1976 over smuggling of liquor, cigarettes and drugs; the DPRK closed its embassy in Copenhagen in 1998.",
     "uncertain": None, "sources": [WIKI_DENMARK, EAST_WEST_EU]},
    {"iso2": "FI", "established": "1973-06-01", "status": "active",
     "notes": "Finland recognised the DPRK on 13 Apr 1973; relations from 1 Jun 1973. The DPRK's embassy in Helsinki, open by 1976 and headed by an ambassador from 1978, closed in 1998.",
     "uncertain": None, "sources": [WIKI_FINLAND, EAST_WEST_EU, WILSON_FI_ANNEX_2, DONGA_KIM_PYONG_IL]},
    {"iso2": "NO", "established": "1973", "status": "active",
     "notes": "Established in 1973 with the other Nordic countries. The DPRK's embassy in Oslo was caught in the 1976 smuggling scandal and closed in the 1990s. Since 2004 Norway's ambassador in Seoul is accredited to the DPRK; the DPRK covers Norway from Stockholm.",
     "uncertain": None, "sources": [IIAS_NORWAY, WIKI_NORWAY]},
    {"iso2": "NL", "established": "2001-01-15", "status": "active",
     "notes": "An agreement signed in The Hague on 15 Jan 2001. The Netherlands' ambassador in Seoul is co-accredited to Pyongyang; the DPRK's ambassador in Stockholm represents it in The Hague.",
     "uncertain": None, "sources": [MINBUZA_NL]},
    {"iso2": "BE", "established": "2001-01-23", "status": "active",
     "notes": "An agreement signed in Brussels on Tuesday 23 Jan 2001 by the head of the DPRK's delegation in Paris. Belgium's ambassador in Seoul is accredited to the DPRK; the DPRK's ambassador in Stockholm to Belgium.",
     "uncertain": None, "sources": [LALIBRE_BE, JJAN_BE]},
    {"iso2": "LU", "established": "2001-03-05", "status": "active",
     "notes": "Decided by an exchange of letters between the foreign ministers and confirmed at talks in Luxembourg on 5 Mar 2001, with non-resident ambassadors on both sides; Luxembourg was the 12th EU member to establish relations.",
     "uncertain": None, "sources": [LU_GOV]},
    {"iso2": "TR", "established": "2001-06-27", "status": "active",
     "notes": "A memorandum of understanding signed in Beijing on 15 Jan 2001; relations at ambassadorial level announced jointly on 27 Jun 2001. Türkiye's embassy in Seoul is accredited to the DPRK, the DPRK's embassy in Sofia to Türkiye.",
     "uncertain": "Türkiye's foreign ministry dates relations from the joint announcement of 27 Jun 2001; the DPRK's broadcast of that day set 15 Jan 2001, the date of the memorandum, as the date relations were established.",
     "sources": [MFA_TR, NK_CHOSUN_TR]},
    {"iso2": "PH", "established": "2000-07-12", "status": "active",
     "notes": "A joint communique signed in Manila on 12 Jul 2000 by Foreign Secretary Domingo Siazon and the DPRK's ambassador to Thailand, after more than 20 years of talks. Neither side has an embassy in the other.",
     "uncertain": ("People's Daily (2000) has the DPRK covering the Philippines from its embassy in Bangkok; "
                   "SNK Press (2022) writes that its ambassador in Vietnam has been accredited to the Philippines."),
     "sources": [PEOPLES_DAILY_PH, WIKI_PH, SNKPRESS_ASEAN]},
    {"iso2": "KE", "established": "2008-09-26", "status": "active",
     "notes": "A joint communique on ambassadorial relations was signed on 26 Sep 2008; the first DPRK ambassador presented credentials in Nairobi in Oct 2009, resident in Kampala. Kenya said in 2015 that the DPRK had not asked to open an embassy in Nairobi.",
     "uncertain": "The current Wikipedia article and KCNA give 26 Sep 2008; an earlier version of the Wikipedia article dated ties to 12 May 1975.",
     "sources": [CHOSON_SINBO_KE, NKEW_KENYA, WIKI_KENYA]},
]

WIKI_ICELAND = src("Iceland–North Korea relations (Wikipedia, German translation via WikiBrief)", "WikiBrief / Wikipedia", None,
                   "https://de.wikibrief.org/wiki/Iceland%E2%80%93North_Korea_relations")
MFA_GREECE = src("République populaire démocratique de Corée (relations bilatérales)", "Ministry of Foreign Affairs of Greece", "2015-12-18",
                 "http://www.mfa.gr/fr/relations-bilaterales-de-la-grece/korea-north/republique-populaire-democratique-de-coree.html")
TONGIL_GREECE = src("북한, 그리스와 대사급 외교관계 수립 (Yonhap)", "통일뉴스 (Tongil News)", "2001-03-09", "http://www.tongilnews.com/news/articleView.html?idxno=4413")
DAILYNK_IRELAND = src("北, 아일랜드 대사에 駐英대사 겸임 발령 (Yonhap)", "Daily NK", None,
                      "https://www.dailynk.com/%E5%8C%97-%EC%95%84%EC%9D%BC%EB%9E%9C%EB%93%9C-%EB%8C%80%EC%82%AC%EC%97%90-%E9%A7%90%E8%8B%B1%EB%8C%80%EC%82%AC-%EA%B2%B8%EC%9E%84/")
WIKI_HUNGARY = src("Hungary–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Hungary%E2%80%93North_Korea_relations")

MORE_RELATIONS += [
    {"iso2": "IS", "established": "1973", "status": "active",
     "notes": "Iceland's ambassador in Beijing is accredited to the DPRK and the DPRK's ambassador in Stockholm to Iceland; Sweden's embassy in Pyongyang handles visas for Iceland.",
     "uncertain": "Most sources date relations to 1973, with the other Nordic countries; Iceland's non-resident embassy gives 2 Apr 1982.",
     "sources": [WIKI_ICELAND]},
    {"iso2": "GR", "established": "2001-03-08", "status": "active",
     "notes": "A protocol signed in Athens on 8 Mar 2001. Greece is represented through its embassy in Seoul; the DPRK's ambassador in Rome is accredited to Greece.",
     "uncertain": None, "sources": [MFA_GREECE, TONGIL_GREECE]},
    {"iso2": "IE", "established": "2003-12", "status": "active",
     "notes": "Relations from Dec 2003; the DPRK's ambassador in London is accredited to Ireland.",
     "uncertain": None, "sources": [DAILYNK_IRELAND]},
    {"iso2": "HU", "established": "1948-11-11", "status": "active",
     "notes": "Hungary recognised the DPRK on 11 Nov 1948. Ties soured when Hungary, first in the Eastern Bloc, opened relations with South Korea in 1989: the DPRK recalled its ambassador Kim Pyong-il and expelled Hungary's envoy.",
     "uncertain": None, "sources": [WIKI_HUNGARY]},
]

WIKI_CHINA = src("China–North Korea relations (Wikipedia, via a Kiwix mirror)", "Wikipedia", "2024-04",
                 "https://encyclopedia.datana.cloud/content/wikipedia_en_all_mini_2024-04/A/China%E2%80%93North_Korea_relations")
MORNING_STAR_CHINA = src("China and North Korea mark 75 years of diplomatic relations", "Morning Star", "2024-10-07",
                         "https://msd11.gn.apc.org/article/china-and-north-korea-mark-75-years-diplomatic-relations")
VNA_VIETNAM = src("PM congratulates new Premier of DPRK's Cabinet", "Vietnam News Agency", "2024-12-30",
                  "https://vietnam.vnanet.vn/english/tin-van/pm-congratulates-new-premier-of-dprks-cabinet-385048.html")
JOONGANG_VIETNAM = src("North Korea and Vietnam mark 75 years of ties, declare 2025 a friendship year", "Korea JoongAng Daily", "2025-01-31",
                       "https://koreajoongangdaily.joins.com/news/2025-01-31/national/diplomacy/North-Korea-and-Vietnam-mark-75-years-of-ties-declare-2025-a-friendship-year/2232476")
KCNA_LAOS = src("50-year-long friendship and unity (KCNA)", "KCNA Watch", "2024-06-24",
                "https://kcnawatch.org/newstream/1719220051-565373046/50-year-long-friendship-and-unity")
HERALD_LAOS = src("Kim Jong-un, Lao president exchange greetings on 50th anniversary of diplomatic ties", "The Korea Herald (Yonhap)", "2024-06-24",
                  "https://www.koreaherald.com/view.php?ud=20240624050259")

MORE_RELATIONS += [
    {"iso2": "CN", "established": "1949-10-06", "status": "active",
     "notes": "Relations from 6 Oct 1949, five days after the People's Republic was proclaimed; a treaty of friendship, cooperation and mutual assistance since 1961. China also has a consulate-general in Chongjin.",
     "uncertain": None, "sources": [WIKI_CHINA, MORNING_STAR_CHINA]},
    {"iso2": "VN", "established": "1950-01-31", "status": "active",
     "notes": "Established with North Vietnam on 31 Jan 1950. Ties cooled after Vietnam recognised South Korea in 1992 and were fully normalised around Kim Jong Un's visit to Hanoi in 2019; 2025 was declared a year of friendship.",
     "uncertain": None, "sources": [VNA_VIETNAM, JOONGANG_VIETNAM]},
    {"iso2": "LA", "established": "1974-06-24", "status": "active",
     "notes": "Relations from 24 Jun 1974; the two leaders exchanged messages for the 50th anniversary in 2024.",
     "uncertain": None, "sources": [KCNA_LAOS, HERALD_LAOS]},
]

RHC_CUBA = src("Cuba and DPRK reaffirm friendship on the 64th anniversary of diplomatic ties", "Radio Havana Cuba (Prensa Latina)", "2024-08-31",
               "https://radiohc.cu/en/noticias/nacionales/364095-cuba-and-dprk-reaffirm-friendship-on-the-64th-anniversary-of-diplomatic-ties")
MEHR_IRAN = src("Kim Jong Un congratulates Iran on the anniversary of the Islamic Revolution (Arabic, from Mehr)", "Parto News (Mehr News Agency)", "2022-02",
                "https://partonews.ir/ar/%d9%88%d9%83%d8%a7%d9%84%d8%a9-%d9%85%d9%87%d8%b1-%d9%84%d9%84%d8%a3%d9%86%d8%a8%d8%a7%d8%a1-%d8%aa%d9%87%d9%86%d8%a6-%d9%83%d9%8a%d9%85-%d8%ac%d9%88%d9%86%d8%ba-%d8%a3%d9%88%d9%86-%d8%a8%d8%b0")
WIKI_IRAN = src("Iran–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Iran%E2%80%93North_Korea_relations")
KCNA_SYRIA = src("DPRK-Syria Friendship Formed by Sincere Obligations", "KCNA Watch (DPRK Ministry of Foreign Affairs)", "2020-07-27",
                 "https://kcnawatch.org/newstream/1595836892-664219733/dprk-syria-friendship-formed-by-sincere-obligations")
KFA_SYRIA = src("DVRK-Syrien: 50 Jahre diplomatische Beziehungen", "KFA Schweiz (blog)", "2016-07",
                "https://kfaswitzerland.blogspot.com/2016/07/dvrk-syrien-50-jahre-diplomatische.html")

MORE_RELATIONS += [
    {"iso2": "CU", "established": "1960-08-29", "status": "active",
     "notes": "Relations from 29 Aug 1960, the DPRK's first outside the Soviet bloc; both sides mark the anniversary each year.",
     "uncertain": None, "sources": [RHC_CUBA]},
    {"iso2": "IR", "established": "1973-04", "status": "active",
     "notes": "Relations from April 1973; they grew closer after the 1979 revolution.",
     "uncertain": None, "sources": [MEHR_IRAN, WIKI_IRAN]},
    {"iso2": "SY", "established": "1966-07", "status": "active",
     "notes": "Relations from July 1966 (the DPRK's foreign ministry marked the 54th anniversary on 27 Jul 2020).",
     "uncertain": None, "sources": [KCNA_SYRIA, KFA_SYRIA]},
]

IDSA_INDIA = src("Relationship between India and North Korea (Ask an Expert, R.N. Das)", "Manohar Parrikar Institute for Defence Studies and Analyses", None,
                 "https://idsa.in/askanexpert/relationshipbetweenIndiaandNorthKorea")
HINDU_INDIA = src("From the Hindu Archives, December 11, 1973: Full diplomatic ties with both Koreas", "The Hindu", "2023-12-11",
                  "https://www.thehindu.com/archives/from-the-hindu-archives-december-11-1973-full-diplomatic-ties-with-both-koreas/article67624300.ece/amp/")
LEGALVIEWS_PAKISTAN = src("Friendship invariably develops for over half a century (DPRK embassy article, 50th anniversary)", "Legal Views (Pakistan)", "2022-11",
                          "https://legalviews.pk/friendship-invariably-develops-for-over-half-a-century/")
GROK_PAKISTAN = src("North Korea–Pakistan relations", "Grokipedia", None, "https://grokipedia.com/page/North_Korea%E2%80%93Pakistan_relations")
WIKI_INDONESIA = src("Indonesia–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Indonesia–North_Korea_relations")
TEGUH_INDONESIA = src("Marking the 50th Anniversary Indonesia and DPRK", "teguhtimur.com", "2014-04-24",
                      "https://teguhtimur.com/2014/04/24/marking-the-50th-anniversary-indonesia-and-dprk/")

MORE_RELATIONS += [
    {"iso2": "IN", "established": "1973-12-10", "status": "active",
     "notes": "Consular relations from 1 Mar 1962; full diplomatic relations announced on 10 Dec 1973, with both Koreas at once.",
     "uncertain": None, "sources": [IDSA_INDIA, HINDU_INDIA]},
    {"iso2": "PK", "established": "1972-11-09", "status": "active",
     "notes": "A barter trade agreement in Sept 1971 preceded relations, established on 9 Nov 1972.",
     "uncertain": None, "sources": [LEGALVIEWS_PAKISTAN, GROK_PAKISTAN]},
    {"iso2": "ID", "established": "1964-04-16", "status": "active",
     "notes": "Relations from 16 Apr 1964, going back to Sukarno and Kim Il Sung (Kim's 1965 visit gave the Kimilsungia orchid its name). Indonesia's embassy in Pyongyang closed in 2021 amid the pandemic.",
     "uncertain": None, "sources": [WIKI_INDONESIA, TEGUH_INDONESIA]},
]

MONTSAME_MONGOLIA = src("D.Byambaa: Mongolia was the second country to recognize the DPRK", "Montsame", "2018-10-16", "https://montsame.mn/en/read/167856")
WIKI_EGYPT = src("Egypt–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Egypt%E2%80%93North_Korea_relations")
AA_GERMANY = src("Germany and the Democratic People's Republic of Korea (North Korea): Bilateral relations", "Federal Foreign Office (Germany)", None,
                 "https://www.auswaertiges-amt.de/en/aussenpolitik/bilateral-relations/229514")
NEWSPIC_GERMANY = src("북한, 독일의 평양 대사관 재개 승인했지만 독일이 거절 (NK News, via 모두서치)", "뉴스픽 (Newspic)", "2025-06-21",
                      "https://m.newspic.kr/summary.html?cp=w3Hru72p&nid=2025062106215180105&pn=616")

MORE_RELATIONS += [
    {"iso2": "MN", "established": "1948-10-15", "status": "active",
     "notes": "Mongolia was the second state, after the Soviet Union, to recognise the DPRK and establish relations, on 15 Oct 1948.",
     "uncertain": None, "sources": [MONTSAME_MONGOLIA]},
    {"iso2": "EG", "established": "1963-08-24", "status": "active",
     "notes": "Consular relations from 1961, raised to ambassadorial level on 24 Aug 1963.",
     "uncertain": None, "sources": [WIKI_EGYPT]},
    {"iso2": "DE", "established": "2001-03-01", "status": "active",
     "notes": "East Germany had relations with the DPRK from 1949; the Federal Republic established relations on 1 Mar 2001. Germany's embassy in Pyongyang has been closed since 9 Mar 2020; in June 2025 NK News reported that the DPRK had approved its reopening and Germany had declined.",
     "uncertain": None, "sources": [AA_GERMANY, NEWSPIC_GERMANY]},
]

NORTH38_UK = src("Twenty Years a-Stagnating—The Lost Opportunity of Britain's Relationship With the DPRK", "38 North", "2020-12-11",
                 "https://www.38north.org/2020/12/jhoare121120/")
WIKI_UK = src("North Korea–United Kingdom relations (Wikipedia, via WikiMili mirror)", "WikiMili / Wikipedia", None,
              "https://wikimili.com/en/North_Korea–United_Kingdom_relations")
DAILYNK_ITALY = src("북한-이탈리아 국교수립 -G7국가로는 첫 수교(2000.1.04)", "Daily NK (archive)", None,
                    "https://www.dailynk.com/%EB%B6%81%ED%95%9C%EC%9D%B4%ED%83%88%EB%A6%AC%EC%95%84-%EA%B5%AD%EA%B5%90%EC%88%98%EB%A6%BD-g7%EA%B5%AD%EA%B0%80%EB%A1%9C%EB%8A%94/")
AGEFI_ITALY = src("L'Italie s'ouvre à la Corée du Nord", "L'Agefi", "2000-01-07", "https://agefi.com/actualites/archives/litalie-souvre-a-la-coree-du-nord")
WIKI_POLAND = src("North Korea–Poland relations (Wikipedia, via a mirror)", "Wikipedia", None, "https://wikiclassic.com/wiki/Poland-North_Korea_relations")

MORE_RELATIONS += [
    {"iso2": "GB", "established": "2000-12-12", "status": "active",
     "notes": "A document establishing relations was signed in London on 12 Dec 2000. The UK opened its embassy in Pyongyang in 2001, the DPRK its embassy in London in 2003.",
     "uncertain": None, "sources": [NORTH38_UK, WIKI_UK]},
    {"iso2": "IT", "established": "2000-01-04", "status": "active",
     "notes": "Ambassadorial relations from 4 Jan 2000, the first with a G7 member; trade offices had been agreed in 1977. Italy's ambassador in Beijing was accredited to the DPRK.",
     "uncertain": None, "sources": [DAILYNK_ITALY, AGEFI_ITALY]},
    {"iso2": "PL", "established": "1948-10-16", "status": "active",
     "notes": "Poland recognised the DPRK on 16 Oct 1948; the two kept relations after 1989, when Poland also recognised South Korea. Poland's embassy in Pyongyang closed during the pandemic; in Nov 2024 Poland moved to reopen it.",
     "uncertain": None, "sources": [WIKI_POLAND, AP_POLAND_SWEDEN]},
]

CUNI_CZECHOSLOVAKIA = src("Diplomatic Agenda (Czechoslovakia and the DPRK)", "Charles University, Cold War Korea project", None,
                          "https://coldwarkorea.ff.cuni.cz/legendy-parent/diplomatic-agenda")
HANKYUNG_1993 = src("북한, 체코·슬로바키아와 대사급 외교관계 수립", "한국경제 (Hankyung)", "1993-01-02", "https://www.hankyung.com/article/1993010200081")
KFA_BULGARIA = src("Plan 2019-2022 für Kooperation DVRK-Bulgarien", "KFA Schweiz (blog)", "2019-07",
                   "https://kfaswitzerland.blogspot.com/2019/07/plan-2019-2022-fur-kooperation-dvrk.html")
NKNEWS_BULGARIA = src("Bulgaria to reopen embassy in Pyongyang after years-long closure", "NK News", "2025-04-08",
                      "https://www.nknews.org/2025/04/bulgaria-to-reopen-embassy-in-pyongyang-after-years-long-closure/")
WIKI_ROMANIA = src("North Korea–Romania relations (Wikipedia, via WikiMili mirror)", "WikiMili / Wikipedia", None,
                   "https://wikimili.com/en/North_Korea–Romania_relations")

MORE_RELATIONS += [
    {"iso2": "CZ", "established": "1993-01-01", "status": "active",
     "notes": "Czechoslovakia established relations with the DPRK on 21 Oct 1948; the DPRK recognised the Czech Republic and established ambassadorial relations with it from 1 Jan 1993.",
     "uncertain": None, "sources": [HANKYUNG_1993, CUNI_CZECHOSLOVAKIA]},
    {"iso2": "SK", "established": "1993-01-01", "status": "active",
     "notes": "Ambassadorial relations from 1 Jan 1993, when Czechoslovakia divided; Czechoslovakia's relations with the DPRK dated from 21 Oct 1948.",
     "uncertain": None, "sources": [HANKYUNG_1993, CUNI_CZECHOSLOVAKIA]},
    {"iso2": "BG", "established": "1948", "status": "active",
     "notes": "Relations since 1948, among the first the DPRK had. Bulgaria's embassy in Pyongyang, closed in 2021 during the pandemic, was to reopen in April 2025 (Bulgarian foreign ministry to NK News).",
     "uncertain": None, "sources": [KFA_BULGARIA, NKNEWS_BULGARIA]},
    {"iso2": "RO", "established": "1948-10-26", "status": "active",
     "notes": "Romania recognised the DPRK on 26 Oct 1948; relations have been limited since the 1989 revolution.",
     "uncertain": None, "sources": [WIKI_ROMANIA]},
]

VINDOBONA_AUSTRIA = src("North Korea Appoints New Ambassador to Austria", "Vindobona", None,
                        "https://www.vindobona.org/article/north-korea-appoints-new-ambassador-to-austria")
LOPATKA_AUSTRIA = src("23. September 2020: Nach 27 Jahren neuer nordkoreanischer Botschafter", "Reinhold Lopatka (Member of the Austrian Parliament)", "2020-09-25",
                      "http://lopatka.at/2020/09/25/23-september-2020-nach-27-jahren-neuer-nordkoreanischer-botschafter")
ITAMARATY_BRAZIL = src("República Popular Democrática da Coreia (relações bilaterais)", "Ministério das Relações Exteriores do Brasil", None,
                       "https://gov.br/mre/pt-br/assuntos/relacoes-bilaterais/todos-os-paises/republica-popular-democratica-da-coreia")
ESTADAO_BRAZIL = src("Brasil estabelece relações com a Coréia do Norte", "O Estado de S. Paulo", "2001-03-10",
                     "http://internacional.estadao.com.br/noticias/geral,brasil-estabelece-relacoes-com-a-coreia-do-norte,20010310p23415")
WIKI_MEXICO = src("Mexico–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Mexico%E2%80%93North_Korea_relations")
PULSE_MEXICO = src("Mexico looking to reopen relations with North Korea", "Pulse News Mexico", "2021-07-19",
                   "https://pulsenewsmexico.com/2021/07/19/mexico-looking-to-reopen-relations-with-north-korea/")

MORE_RELATIONS += [
    {"iso2": "AT", "established": "1974", "status": "active",
     "notes": "Relations since 1974; Vienna has long been the DPRK's main base in Western Europe. Kim Kwang Sop, a son-in-law of Kim Il Sung, was ambassador for 27 years until Choe Kang Il arrived in 2020; NK News later reported Kyong Hak Min named to succeed Choe.",
     "uncertain": None, "sources": [VINDOBONA_AUSTRIA, LOPATKA_AUSTRIA]},
    {"iso2": "BR", "established": "2001-03", "status": "active",
     "notes": "A joint communique presented at the UN in March 2001 established relations. The DPRK opened its embassy in Brasília in 2005, Brazil its embassy in Pyongyang in 2009.",
     "uncertain": None, "sources": [ITAMARATY_BRAZIL, ESTADAO_BRAZIL]},
    {"iso2": "MX", "established": "1980-09-04", "status": "active",
     "notes": "Relations from 4 Sep 1980; the DPRK opened its embassy in Mexico City in 1993. Mexico declared Ambassador Kim Hyong Gil persona non grata on 7 Sep 2017; ambassador-level ties resumed in 2020.",
     "uncertain": "Some Mexican outlets (Pulse News Mexico, 2021) wrote that Mexico broke off relations in 2017; the other sources describe only the ambassador's expulsion, with the embassy kept open.",
     "sources": [WIKI_MEXICO, PULSE_MEXICO]},
]

AP_VENEZUELA = src("Venezuela opens embassy in North Korean capital (AP)", "CityNews", "2019-08-22",
                   "https://www.citynews1130.com/2019/08/22/venezuela-opens-embassy-in-north-korean-capital/")
HERALD_VENEZUELA = src("North Korea on course to set up embassy in Venezuela (Yonhap)", "The Korea Herald", "2014-06-25",
                       "https://m.koreaherald.com/view.php?ud=20140625000340")
KFA_THAILAND = src("45 Jahre diplomatische Beziehungen DVR Korea-Thailand", "KFA Schweiz (blog, from Rodong Sinmun)", "2020-05",
                   "https://kfaswitzerland.blogspot.com/2020/05/45-jahre-diplomatische-beziehungen-dvr.html")
WIKI_THAILAND = src("North Korea–Thailand relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Thailand_relations")
INDEPENDENT_SG = src("North Korea's Supreme Leader congratulates President Halimah Yacob", "The Independent Singapore", "2017-09",
                     "https://theindependent.sg/north-koreas-supreme-leader-congratulates-president-halimah-yacob/")
STRAITS_SG = src("N. Korean and US embassies couldn't be more different", "The Straits Times", "2018-05-13",
                 "https://www.straitstimes.com/singapore/n-korean-and-us-embassies-couldnt-be-more-different")

MORE_RELATIONS += [
    {"iso2": "VE", "established": "1974", "status": "active",
     "notes": "The DPRK had a trade office in Caracas from 1991 and was long covered from its embassy in Havana; it was cleared to open an embassy in Caracas in 2014, and Venezuela opened its embassy in Pyongyang on 21 Aug 2019.",
     "uncertain": "Yonhap (from VOA) dates relations to 1974; AP writes that they date back to 1965.",
     "sources": [HERALD_VENEZUELA, AP_VENEZUELA]},
    {"iso2": "TH", "established": "1975-05-08", "status": "active",
     "notes": "Relations from 8 May 1975.",
     "uncertain": None, "sources": [KFA_THAILAND, WIKI_THAILAND]},
    {"iso2": "SG", "established": "1975-11-08", "status": "active",
     "notes": "Relations from 8 Nov 1975. The DPRK has an embassy in Singapore. Singapore suspended trade with the DPRK in Nov 2017 under UN sanctions.",
     "uncertain": None, "sources": [INDEPENDENT_SG, STRAITS_SG]},
]

AKP_CAMBODIA = src("His Majesty the King sends congratulatory message to the President of North Korea (AKP)", "Cambodia News Gazette", "2020-09-09",
                   "https://cambodianewsgazette.com/his-majesty-the-king-sends-congratulatory-message-to-the-president-of-north-korea/")
ADNKRONOS_CAMBODIA = src("North Korea strengthens cooperation with Cambodia on 60th anniversary of diplomatic relations", "Adnkronos (from Thmey Thmey)", "2024-08-21",
                         "https://www.adnkronos.com/rassegna-stampa/inglese/cambodia-north-korea-strengthens-cooperation-with-cambodia-on-60th-anniversary-of-diplomatic-relations_7iDlLFxLLcqn2EqSqOdb1V")
WILSON_ETHIOPIA = src("Hungarian Embassy in the DPRK, Report, 28 April 1976: Visit of an Ethiopian government delegation in the DPRK", "Wilson Center Digital Archive", "1976-04-28",
                      "https://wilson-center-digital-archive.dvincitest.com/document/hungarian-embassy-dprk-report-28-april-1976-subject-visit-ethiopian-government-delegation")
PEOPLES_DAILY_KW = src("Kuwait, DPRK Establish Diplomatic Ties", "People's Daily (Xinhua)", "2001-04-07", "http://en.people.cn/english/200104/07/eng20010407_67084.html")
LOBELOG_GULF = src("A Look at the Kuwaiti-North Korean Relationship", "LobeLog (Giorgio Cafiero)", "2017",
                   "https://lobelog.com/a-look-at-the-kuwaiti-north-korean-relationship/")
BBC_2017 = src("Which are the countries still talking to North Korea?", "BBC News", "2017-12",
               "https://feeds.bbci.co.uk/news/world-asia-42351336")

GULF_NOTE = "The DPRK established relations with every Gulf Cooperation Council state except Saudi Arabia between 1992 and 2007; its ambassador in Kuwait covered {}."
MORE_RELATIONS += [
    {"iso2": "KH", "established": "1964", "status": "active",
     "notes": "Relations go back to Prince Sihanouk and Kim Il Sung, who sheltered him in exile; both sides marked the 60th anniversary in 2024.",
     "uncertain": "The DPRK's ambassador marked the 60th anniversary in Aug 2024 (relations from 1964); Cambodia's state news agency wrote in 2020 that relations were established in 1965.",
     "sources": [ADNKRONOS_CAMBODIA, AKP_CAMBODIA]},
    {"iso2": "ET", "established": "1975-06", "status": "active",
     "notes": "There were no relations under Emperor Haile Selassie, whose troops fought in the Korean War; the Derg established them in June 1975, and the DPRK became a major source of aid and arms in the 1980s.",
     "uncertain": None, "sources": [WILSON_ETHIOPIA]},
    {"iso2": "KW", "established": "2001-04-04", "status": "active",
     "notes": "A protocol on ambassadorial relations signed in Kuwait City on 4 Apr 2001 by Kuwait's foreign undersecretary and the DPRK's ambassador to Syria. In Sept 2017 Kuwait expelled Ambassador So Chang Sik and reduced the mission to a chargé d'affaires and three diplomats.",
     "uncertain": None, "sources": [PEOPLES_DAILY_KW, LOBELOG_GULF]},
    {"iso2": "BH", "established": "between 1992 and 2007", "status": "active",
     "notes": GULF_NOTE.format("Bahrain"), "uncertain": None, "sources": [LOBELOG_GULF]},
    {"iso2": "QA", "established": "between 1992 and 2007", "status": "active",
     "notes": GULF_NOTE.format("Qatar"), "uncertain": None, "sources": [LOBELOG_GULF]},
    {"iso2": "AE", "established": "between 1992 and 2007", "status": "active",
     "notes": GULF_NOTE.format("the UAE"),
     "uncertain": "BBC News (Dec 2017) counted the UAE among the states that had suspended relations or cut other ties with the DPRK that year; LobeLog (2017) describes relations as in force.",
     "sources": [LOBELOG_GULF, BBC_2017]},
    {"iso2": "OM", "established": "between 1992 and 2007", "status": "active",
     "notes": "The DPRK established relations with every Gulf Cooperation Council state except Saudi Arabia between 1992 and 2007; it deals with Oman through its embassies in China and Egypt.",
     "uncertain": None, "sources": [LOBELOG_GULF]},
]

APS_ALGERIA = src("Chenine reçoit l'ambassadeur de Corée du Nord à Alger", "Algérie Presse Service", None,
                  "https://www.aps.dz/algerie/94727-chenine-recoit-l-ambassadeur-de-coree-du-nord-a-alger")
KCNA_ALGERIA = src("Political Consultative Meeting between DPRK, Algerian Foreign Ministries (KCNA)", "NK Aggregator", "2017-04-27",
                   "https://nkaggregator.com/2017/04/27/political-consultative-meeting-between-dprk-algerian-foreign-ministries/")
IPP_TANZANIA = src("Tanzania denies diplomatic relations with North Korea", "The Guardian (Tanzania, IPP Media)", "2017-09-16",
                   "https://www.ippmedia.com/en/news/tanzania-denies-diplomatic-relations-north-korea")
KCNA_TANZANIA = src("Tanzanian President on Relations with DPRK (KCNA)", "NK Aggregator", "2005-05-23",
                    "https://nkaggregator.com/2005/05/23/tanzanian-president-on-relations-with-dprk/")
DIRCO_SA = src("Deputy Minister Aziz Pahad to Host North Korean Counterpart Vice Minister Kim Hyong Jun", "Department of Foreign Affairs, South Africa", "2006-07-10",
               "https://dirco1.azurewebsites.net/docs/2006/dprk0710.htm")
MG_SA = src("Pahad strengthens ties with Pyongyang", "Mail & Guardian", "2005-09-28", "https://mg.co.za/article/2005-09-28-pahad-strengthens-ties-with-pyongyang/")

MORE_RELATIONS += [
    {"iso2": "DZ", "established": "1958-09", "status": "active",
     "notes": "The DPRK recognised Algeria's provisional government (GPRA) in Sept 1958, during the war of independence, the first non-Arab government to do so. The DPRK has an embassy in Algiers; Algeria has no mission in Pyongyang.",
     "uncertain": None, "sources": [APS_ALGERIA, KCNA_ALGERIA]},
    {"iso2": "TZ", "established": None, "status": "unknown",
     "notes": "The DPRK has long had an embassy in Dar es Salaam, and President Mkapa received a DPRK ambassador's credentials in May 2005; in Sept 2017 Tanzania's foreign minister said Tanzania had no diplomatic relations with the DPRK and had ended its agreements with it under UN sanctions.",
     "uncertain": "KCNA (2005) reports credentials presented to Tanzania's president; Tanzania's foreign ministry said in 2017 there were no diplomatic relations.",
     "sources": [KCNA_TANZANIA, IPP_TANZANIA]},
    {"iso2": "ZA", "established": "1998-08-10", "status": "active",
     "notes": "Relations from 10 Aug 1998, after South Africa hosted the Non-Aligned Movement summit. The DPRK at first covered South Africa from Dar es Salaam and later opened an embassy in Pretoria; South Africa's ambassador in Beijing is accredited to the DPRK.",
     "uncertain": None, "sources": [DIRCO_SA, MG_SA]},
]

WIKI_GHANA = src("Ghana–North Korea relations (Wikipedia, via WikiMili mirror)", "WikiMili / Wikipedia", None,
                 "https://wikimili.com/en/Ghana–North_Korea_relations")
BULAWAYO_ZW = src("Zimbabwe wont hesitate to revive ties with North Korean says Mugabe", "Bulawayo24", "2016-03-30",
                  "https://bulawayo24.com/index-id-news-sc-national-byo-85393.html")
DAILYNK_ZW = src("Love and Hate for North Korea in Zimbabwe", "Daily NK", None,
                 "http://www.dailynk.com/english/read.php?cataId=nk00100&num=4905")

MORE_RELATIONS += [
    {"iso2": "GH", "established": "1964-12-28", "status": "active",
     "notes": "Ambassadorial relations from 28 Dec 1964, under Nkrumah; strained after his overthrow in 1966, when Ghana accused the DPRK of training rebels. The DPRK's embassy in Accra closed in 1998.",
     "uncertain": None, "sources": [WIKI_GHANA]},
    {"iso2": "ZW", "established": None, "status": "unknown",
     "notes": "The DPRK trained Mugabe's Fifth Brigade in the early 1980s and its head of state Kim Yong Nam paid official visits to Harare; in March 2016 Mugabe said Zimbabwe had \"lost connection\" with the DPRK and might consider establishing ties.",
     "uncertain": "Whether relations are in force: Mugabe spoke in 2016 of establishing ties, after decades of official visits reported by KCNA.",
     "sources": [BULAWAYO_ZW, DAILYNK_ZW]},
]

WIKI_ALBANIA = src("Albania–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Albania%E2%80%93North_Korea_relations")
ROYA_JORDAN = src("Jordan to cut relations with North Korea", "Roya News (Jordan Times)", "2018-02-01", "https://en.royanews.tv/news/13385/2018-02-01")
PANARMENIAN_JORDAN = src("Jordan gives no reasons for cutting ties with North Korea", "PanARMENIAN.Net (Al-Masdar News)", "2018-02-03",
                         "http://www.panarmenian.net/eng/news/251600/")
ROKDROP_GULF = src("Jordan is Latest Middle Eastern Country to Cut Ties with North Korea (quoting Yonhap)", "ROK Drop", "2018-02",
                   "https://rokdrop.net/tag/jordan")

MORE_RELATIONS += [
    {"iso2": "AL", "established": "1948-11-28", "status": "active",
     "notes": "Relations from 28 Nov 1948; close in the 1950s, cooler after the Sino-Soviet split, in which Albania sided with China.",
     "uncertain": None, "sources": [WIKI_ALBANIA]},
    {"iso2": "JO", "established": None, "status": "severed",
     "notes": "Jordan cut relations on 1 Feb 2018, by royal decree approving a cabinet resolution of 15 Jan 2018, \"in line with the policy of Jordan's allies\"; the accreditations of Jordan's ambassador (resident in Beijing) and of the DPRK's (resident in Damascus) ended.",
     "uncertain": None, "sources": [ROYA_JORDAN, PANARMENIAN_JORDAN]},
]

# A later report that some Gulf states cut relations, beside the report that they were in force.
GULF_SEVERANCE_REPORT = ("Yonhap (Feb 2018, quoted by ROK Drop) wrote that Kuwait, Qatar and the UAE had recently cut "
                         "relations with the DPRK; LobeLog (2017) describes them as in force, and Kuwait's own measure "
                         "of Sept 2017 was a downgrade to chargé d'affaires.")
for gulf in MORE_RELATIONS:
    if gulf["iso2"] in ("KW", "QA", "AE"):
        gulf["uncertain"] = f"{gulf['uncertain']} {GULF_SEVERANCE_REPORT}" if gulf["uncertain"] else GULF_SEVERANCE_REPORT
        gulf["sources"].append(ROKDROP_GULF)

# The UAE's measure of 12 Oct 2017, as the reports word it (each quoted in
# tools/curated/quotes-r3.json, which also cites it on the record).
UAE_2017_WORDING = ("The UAE's statement of 12 Oct 2017 is worded differently in the reports: AFP and PTI wrote that the UAE "
                    "had downgraded diplomatic relations, Reuters that it was ending the mission of the DPRK's non-resident "
                    "ambassador and its own envoy's services in Pyongyang, RFA's Korean service quoted it as halting (중단) "
                    "diplomatic relations, and Newspim called it a severance (단절).")
for uae in MORE_RELATIONS:
    if uae["iso2"] == "AE":
        uae["uncertain"] = f"{uae['uncertain']} {UAE_2017_WORDING}" if uae["uncertain"] else UAE_2017_WORDING

WIKI_MADAGASCAR = src("北韩—马达加斯加关系 (North Korea–Madagascar relations, Chinese Wikipedia mirror)", "Wikipedia (zh)", None,
                      "https://zhwiki.oracleblog.org/zh-hans/%E5%8C%97%E9%9F%93%E2%80%94%E9%A6%AC%E9%81%94%E5%8A%A0%E6%96%AF%E5%8A%A0%E9%97%9C%E4%BF%82")
GLOBALSECURITY_MADAGASCAR = src("Madagascar - Foreign Relations", "GlobalSecurity.org", None,
                                "https://www.globalsecurity.org/military/world/africa/ma-forrel.htm")
MFA_MOZAMBIQUE = src("Faraway Yet Close Country", "DPRK Ministry of Foreign Affairs", None, "http://www.mfa.gov.kp/en/faraway-yet-close-country/")
MG_NAMIBIA = src("Windhoek, Pyongyang cement ties", "Mail & Guardian", "2008-03-21", "https://mg.co.za/article/2008-03-21-windhoek-pyongyang-cement-ties")
WIKI_NAMIBIA = src("Namibia–North Korea relations (Wikipedia, via a mirror)", "Wikipedia", None, "https://profilbaru.com/en/Namibia–North_Korea_relations")

MORE_RELATIONS += [
    {"iso2": "MG", "established": "1972-11-16", "status": "active",
     "notes": "Relations from 16 Nov 1972, a month after Madagascar's military government recognised the Soviet Union; the DPRK built the Iavoloha presidential palace and kept an embassy in Antananarivo until 2002.",
     "uncertain": None, "sources": [WIKI_MADAGASCAR, GLOBALSECURITY_MADAGASCAR]},
    {"iso2": "MZ", "established": "1975-06-25", "status": "active",
     "notes": "The DPRK established relations on Mozambique's independence day, 25 Jun 1975, after supporting FRELIMO's liberation struggle.",
     "uncertain": None, "sources": [MFA_MOZAMBIQUE]},
    {"iso2": "NA", "established": "by 1993", "status": "active",
     "notes": "The DPRK backed SWAPO's armed struggle; after independence in 1990 the two signed an economic, scientific and technical cooperation agreement (1993). The DPRK's embassy in Windhoek closed in 1994; Mansudae built the State House and Heroes' Acre.",
     "uncertain": None, "sources": [MG_NAMIBIA, WIKI_NAMIBIA]},
]

# Relations researched 2026-11-29 (third pass), each from the report or reference page cited.
# Koryo Journal (Oct 2017) lists every UN member without relations; a state missing from
# that list had relations in 2017, which is why it stands beside older reports below.
WIKI_UKRAINE = src("North Korea–Ukraine relations (Wikipedia, via a mirror)", "Wikipedia", None,
                   "https://wiki.riteme.site/wiki/North_Korea-Ukraine_relations")
EUROMAIDAN_UA = src("Ukraine terminates agreement with North Korea over its support for Russia's aggression", "Euromaidan Press", "2022-12-31",
                    "https://euromaidanpress.com/2022/12/31/ukraine-terminates-agreement-with-north-korea-over-its-support-for-russias-aggression/")
HANKYUNG_CYPRUS = src("북한-키프로스 대사급 외교관계 수립 합의 (내외통신)", "한국경제 (Hankyung, via a mirror)", "1991-12-26",
                      "https://theburpboys.com/article/1991122601691")
YONHAP_COLOMBIA = src("Seúl queda impactada por el establecimiento de relaciones diplomáticas entre Pyongyang y Bogotá en 1988", "Yonhap (español)", "2019-03-31",
                      "https://sp.yna.co.kr/view/ASP20190331000700883")
HANKYUNG_ENVOYS_1991 = src("북한, 아시아·아프리카·중남미 6개국 공관장 교체 (내외통신)", "한국경제 (Hankyung)", "1991-03-01",
                           "https://www.hankyung.com/article/1991030100401")
HANKYUNG_ARMENIA = src("북한, 아르메니아와 외교관계 수립 (내외통신)", "한국경제 (Hankyung)", "1992-02-15",
                       "https://www.hankyung.com/news/article/1992021501161")
CHOSON_SINBO_AZ = src("〈DPRK in the World 19〉アジア・アゼルバイジャン", "朝鮮新報 (Choson Sinbo)", "2025-02-04", "https://chosonsinbo.com/jp/2025/02/4-61")
HANKYUNG_KAZAKHSTAN = src("신홍철 주러 북한 대사, 겸임국 카자흐 대통령에 신임장 제정 (연합뉴스)", "한국경제 (Hankyung)", "2021-04-28",
                          "https://www.hankyung.com/international/article/202104287845Y")
RUS_KYRGYZSTAN = src("Country Profiles: Kirgizstan (외교관계)", "rus.or.kr", None, "http://www.rus.or.kr/en/database/nation_info08_06.asp")
VESTIABAD_TM = src("Туркменистан и КНДР обсудили развитие двусторонних контактов", "Vesti Abad", "2025-12-13",
                   "https://vestiabad.ru/ru/news/turkmenistan-i-kndr-obsudili-razvitie-dvustoronnix-kontaktov")
NKNEWS_TM = src("North Korea, Turkmenistan Sign Two Bilateral Agreements in Pyongyang (NK News)", "Central Asia News (gca.satrapia.com)", "2018-07-30",
                "http://gca.satrapia.com/+north-korea-turkmenistan-sign-two-bilateral-agreements-in-pyongyang+")
KFA_TAJIKISTAN = src("Aussenminister der DVRK besuchte Tadschikistan", "KFA Schweiz (blog)", "2018-04",
                     "https://kfaswitzerland.blogspot.com/2018/04/aussenminister-der-dvrk-besuchte.html")
KOWIKI_MOLDOVA = src("몰도바의 대외 관계", "위키백과 (Korean Wikipedia)", None,
                     "https://ko.m.wikipedia.org/wiki/%EB%AA%B0%EB%8F%84%EB%B0%94%EC%9D%98_%EB%8C%80%EC%99%B8_%EA%B4%80%EA%B3%84")
NKNEWS_MOLDOVA = src("Moldova MFA contradicts President on North Korea wine exports", "NK News", "2017-07",
                     "https://nknews.org/2017/07/moldova-mfa-contradicts-president-on-north-korea-wine-exports")
KOWIKI_GEORGIA = src("조지아의 대외 관계", "위키백과 (Korean Wikipedia)", None,
                     "https://ko.wikipedia.org/wiki/%EC%A1%B0%EC%A7%80%EC%95%84%EC%9D%98_%EB%8C%80%EC%99%B8_%EA%B4%80%EA%B3%84")
MASDAR_LEBANON = src("Lebanon and North Korea: the ambassador in Damascus presents copies of his credentials (Arabic)", "Masdar Diplomacy", "2020-12-07",
                     "https://masdardiplomacy.com/2020/12/07/%d9%84%d8%a8%d9%86%d8%a7%d9%86-%d9%8a%d8%b3%d8%aa%d9%83%d9%85%d9%84-%d8%b9%d9%84%d8%a7%d9%82%d8%a7%d8%aa%d9%87-%d8%a8%d9%80%d9%85%d8%ad%d9%88%d8%b1-%d8%a7%d9%84%d8%b4%d8%b1-%d8%b3%d9%81%d9%8a/?responsive=false")
BUSINESS_STANDARD_2017 = src("Pyongyang bids for support from developing countries (IANS)", "Business Standard", "2017-04-28",
                             "https://www.business-standard.com/amp/article/news-ians/pyongyang-bids-for-support-from-developing-countries-117042801377_1.html")
ENCYKOREA_ZAMBIA = src("잠비아 (Zambia)", "한국민족문화대백과사전 (Encyclopedia of Korean Culture)", None,
                       "https://encykorea.aks.ac.kr/Article/Search/%ED%83%A4%EA%B7%B8%20PECKPARK%20%ED%8E%98%ED%81%AC%EB%B0%95%EC%BB%A8%EC%84%A4%ED%8C%85%20%EB%8B%A8%EA%B8%B0%EA%BF%80%EC%95%8C%EB%B0%94%20%EC%A3%BC4%EC%9D%BC%EC%95%8C%EB%B0%94%20%EC%95%84%EC%BF%A0%EC%95%84%EB%A6%AC%EC%9B%80%EC%95%8C%EB%B0%94%20%ED%94%84%EB%A6%AC%EB%9E%9C%EC%84%9C%EC%A0%95%EA%B7%9C%EC%A7%81%20%EC%84%B1%EC%A3%BC%EA%B5%B0%EC%B5%9C%EC%8B%A0%EC%9D%BC%EC%9E%90%EB%A6%AC?alias=false&body=false&containdesc=false")
HANKYUNG_ENVOYS_2004 = src("북한 리투아니아·잠비아 주재 대사 신임장 제출 (연합뉴스)", "한국경제 (Hankyung)", "2004-03-04",
                           "https://hankyung.com/article/2004030403378")
MOFA_ROK_RWANDA = src("북한·루안다 관계 (외교문서 19034)", "대한민국 외교부 외교문서 (MOFA open data)", None,
                      "http://opendata.mofa.go.kr/mofadocu/resource/Document/19034")
WTIMES_RWANDA = src("주 르완다 대사, 외교부 국무장관 예방", "더블유타임즈 (W-Times)", None, "http://wtimes.kr/detail.php?number=14412&thread=22")
WIKI_RWANDA = src("North Korea–Rwanda relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Rwanda_relations")
DAUM_BURUNDI = src("부룬디와 한국과의 관계", "다음백과 (Daum Encyclopedia)", None, "https://100.daum.net/encyclopedia/view/b10b0707b007")
WIKI_BURUNDI = src("Burundi–North Korea relations (Wikipedia, Thai mirror)", "Wikipedia", None, "https://hmong.in.th/wiki/Burundi%E2%80%93North_Korea_relations")
HANKYUNG_BURKINA = src("부르키나파소, 북한과 외교관계 복원 \"군사장비 등 협력\" (연합뉴스)", "한국경제 (Hankyung)", "2023-03-30",
                       "https://hankyung.com/amp/202303306050Y")
NEWSIS_BURKINA = src("서아프리카 부르키나파소 북한과 외교 재개", "뉴시스 (Newsis)", "2023-03-31", "https://www.newsis.com/view?id=NISX20230331_0002248271")
JOONGANG_MALI = src("한·말리 국교수립/양국 외무 합의서 서명", "중앙일보 (JoongAng Ilbo)", None, "https://joongang.co.kr/article/2500002")
MFA_KP_MALI = src("말리대통령 조선과의 친선관계는 계속 이어지고있다고 강조", "DPRK Ministry of Foreign Affairs", None, "http://www.mfa.gov.kp/view/article/2414")
NEWS1_LESOTHO = src("아프리카 레소토에 北대사 부임…주 스웨덴 北대사는 본국 귀국 (뉴스1, via a mirror)", "뉴스1 (News1)", "2025",
                    "https://dqdt.shop/amp/nk/politics-diplomacy/5760652")
CHOSON_SINBO_MALAWI = src("マラウィと朝鮮の協力、各分野で発展", "朝鮮新報 (Choson Sinbo, KCNA)", "2007-03-30", "http://korea-np.co.jp/j-2007/04/0704j0330-00007.htm")
DAILYNK_TIMOR = src("北, 동티모르 겸임대사 방성해 부임 (연합)", "Daily NK", None,
                    "https://www.dailynk.com/%E5%8C%97-%EB%8F%99%ED%8B%B0%EB%AA%A8%EB%A5%B4-%EA%B2%B8%EC%9E%84%EB%8C%80%EC%82%AC-%EB%B0%A9%EC%84%B1%ED%95%B4-%EB%B6%80%EC%9E%84/")

ETAN_TIMOR = src("Ramos Horta denies Pyongyang arms deal (The Age)", "East Timor Action Network", "2003-12-24", "http://etan.org/et2003/december/21-30/24ramos.htm")

HANKYUNG_LATVIA = src("북한, 라트비아와 대사급 외교관계 수립 합의 (내외통신)", "한국경제 (Hankyung)", "1991-10-01",
                      "https://www.hankyung.com/article/1991100100051")

CARIBBEAN_1991 = ("In early 1991 the DPRK's ambassador resident in Guyana, Im Gi Taek, was accredited to {}, "
                  "and was also named to Dominica (KCNA via Naewoe Press).")
CARIBBEAN_NOTE = "Not among the states without relations in Koryo Journal's list of Oct 2017."

MORE_RELATIONS += [
    {"iso2": "UA", "established": "1992-01-09", "status": "severed",
     "notes": "Relations from 9 Jan 1992; the DPRK had an embassy in Kyiv from Oct 1992 and closed it in 1998, covering Ukraine from Moscow, while Ukraine covered the DPRK from Beijing. Ukraine severed relations on 13 Jul 2022 after the DPRK recognised the Donetsk and Luhansk 'people's republics', and in Dec 2022 ended the 1994 agreement on a trade commission.",
     "uncertain": None, "sources": [WIKI_UKRAINE, EUROMAIDAN_UA]},
    {"iso2": "CY", "established": "1991-12-23", "status": "active",
     "notes": "A joint communiqué on ambassadorial relations signed in New York on 23 Dec 1991 by the DPRK's UN ambassador Pak Gil Yon and Cyprus's ambassador; the DPRK's 112th relation, by its own count.",
     "uncertain": None, "sources": [HANKYUNG_CYPRUS, KORYO_JOURNAL]},
    {"iso2": "CO", "established": "1988-10-24", "status": "active",
     "notes": "A joint declaration signed on 24 Oct 1988, announced by DPRK state media on 27 Oct, to Seoul's surprise: Colombia was the only Latin American country to fight in the Korean War. In early 1991 the DPRK named its UN representative, Pak Gil Yon, its first ambassador to Colombia.",
     "uncertain": None, "sources": [YONHAP_COLOMBIA, HANKYUNG_ENVOYS_1991]},
    {"iso2": "AM", "established": "1992-02-13", "status": "active",
     "notes": "A joint communiqué on ambassadorial relations issued in Yerevan on 13 Feb 1992, completing the DPRK's relations with the eleven CIS states.",
     "uncertain": None, "sources": [HANKYUNG_ARMENIA, KORYO_JOURNAL]},
    {"iso2": "AZ", "established": "1992-01", "status": "active",
     "notes": "Relations from Jan 1992; neither country has an embassy in the other. Choe Ryong Hae met President Ilham Aliyev at the Non-Aligned summit in Baku in Oct 2019.",
     "uncertain": None, "sources": [CHOSON_SINBO_AZ]},
    {"iso2": "KZ", "established": "1992-01", "status": "active",
     "notes": "Relations from Jan 1992; the DPRK opened an embassy in Kazakhstan in Dec 1992 and closed it in Feb 1998. Its ambassador in Moscow is accredited to Kazakhstan: Sin Hong Chol presented his credentials to President Tokayev on 27 Apr 2021.",
     "uncertain": None, "sources": [HANKYUNG_KAZAKHSTAN]},
    {"iso2": "KG", "established": "1992-01-21", "status": "active",
     "notes": "Relations from 21 Jan 1992, ten days before the Republic of Korea's.",
     "uncertain": None, "sources": [RUS_KYRGYZSTAN, KORYO_JOURNAL]},
    {"iso2": "TM", "established": "by 2018", "status": "active",
     "notes": "The sources read give no date of establishment. The foreign ministries signed a memorandum on political consultations and a cooperation programme in Pyongyang in Jul 2018; on 13 Dec 2025 the DPRK's ambassador in Moscow, Sin Hong Chol, met Turkmenistan's deputy foreign minister in Ashgabat.",
     "uncertain": None, "sources": [VESTIABAD_TM, NKNEWS_TM]},
    {"iso2": "TJ", "established": "by 2018", "status": "active",
     "notes": "The sources read give no earlier date. Foreign Minister Ri Yong Ho paid an official visit to Tajikistan on 13–14 Apr 2018 and met Foreign Minister Sirojiddin Aslov.",
     "uncertain": None, "sources": [KFA_TAJIKISTAN, KORYO_JOURNAL]},
    {"iso2": "MD", "established": "1992", "status": "active",
     "notes": "Relations from 1992. President Igor Dodon received a WPK delegation under Ri Su Yong in Chișinău on 30 Jun 2017; the foreign ministry then said no wine would be exported while UN sanctions stood.",
     "uncertain": None, "sources": [KOWIKI_MOLDOVA, NKNEWS_MOLDOVA]},
    {"iso2": "GE", "established": "1994", "status": "active",
     "notes": "Relations from 1994; Georgia also has relations with the Republic of Korea (1992).",
     "uncertain": None, "sources": [KOWIKI_GEORGIA, KORYO_JOURNAL]},
    {"iso2": "LB", "established": "by the mid-1980s", "status": "active",
     "notes": "The sources read give no earlier date. The DPRK left its embassy in Beirut in the mid-1980s and has dealt with Lebanon through its embassy in Damascus; President Aoun met the DPRK's envoy in Apr 2017, and on 7 Dec 2020 the ambassador in Damascus, Mun Jong Nam, presented copies of his credentials to be ambassador to Lebanon. The Damascus embassy's status is unknown since Dec 2024.",
     "uncertain": None, "sources": [MASDAR_LEBANON, BUSINESS_STANDARD_2017]},
    {"iso2": "ZM", "established": "1969-04-12", "status": "active",
     "notes": "Relations from 12 Apr 1969. In 2004 the DPRK's ambassador to Zambia, Pak Kun Gwang, was also accredited to Namibia, Mozambique, Botswana, South Africa and Zimbabwe; the Encyclopedia of Korean Culture records Zambia covered by the DPRK's ambassador in South Africa (2006).",
     "uncertain": None, "sources": [ENCYKOREA_ZAMBIA, HANKYUNG_ENVOYS_2004]},
    {"iso2": "RW", "established": "1972-04-22", "status": "active",
     "notes": "The agreement on ambassadorial relations was reached during a visit by the DPRK's ambassador in Tanzania and broadcast by Rwandan radio on 27 Apr 1972. Neither country has an embassy in the other's capital.",
     "uncertain": "A declassified ROK foreign ministry file dates the agreement to 22 Apr 1972; W-Times (2020s) writes that Rwanda established relations with the DPRK in April 1970.",
     "sources": [MOFA_ROK_RWANDA, WTIMES_RWANDA, WIKI_RWANDA]},
    {"iso2": "BI", "established": "1967-03-11", "status": "active",
     "notes": "Relations from 11 Mar 1967. The DPRK withdrew its embassy from Bujumbura in 1994 and covered Burundi from its embassy in Uganda (closed in 2023). DPRK engineers built President Bagaza's palace in the late 1970s.",
     "uncertain": None, "sources": [DAUM_BURUNDI, WIKI_BURUNDI]},
    {"iso2": "BF", "established": "before 2017", "status": "active",
     "notes": "The sources read give no earlier date. Burkina Faso cut its ties in 2017 to comply with UN sanctions and restored relations on 30 Mar 2023, approving the DPRK's ambassador in Senegal, Chae Hui Chol, as ambassador to Burkina Faso.",
     "uncertain": None, "sources": [HANKYUNG_BURKINA, NEWSIS_BURKINA]},
    {"iso2": "ML", "established": "1960-10", "status": "active",
     "notes": "Relations from Oct 1960, under President Modibo Keïta; Mali recognised the Republic of Korea only in 1990. DPRK Ambassador Ri Chong Gyong presented his credentials to President Ibrahim Boubacar Keïta.",
     "uncertain": None, "sources": [JOONGANG_MALI, MFA_KP_MALI]},
    {"iso2": "LS", "established": "1980", "status": "active",
     "notes": "Relations from 1980; the DPRK opened an embassy in Maseru in 1983. Lesotho cut relations in 1986, when it restored them with the Republic of Korea, and normalised them again in 1993. On 17 Apr 2025 Jong Song Il, the DPRK's ambassador to South Africa since Mar 2020, presented his credentials to King Letsie III in Maseru.",
     "uncertain": None, "sources": [NEWS1_LESOTHO, KOREA_HERALD_MARCH_2020, GOV_LS_CREDENTIALS]},
    {"iso2": "MW", "established": "by 2007", "status": "active",
     "notes": "The sources read give no earlier date. DPRK Ambassador An Hui Jong presented his credentials to President Bingu wa Mutharika on 16 Mar 2007.",
     "uncertain": None, "sources": [CHOSON_SINBO_MALAWI, KORYO_JOURNAL]},
    {"iso2": "TL", "established": "by November 2003", "status": "active",
     "notes": "The DPRK's ambassadors in Australia were accredited to Timor-Leste: Chong Jae Hong presented his credentials in Dili in Nov 2003, and Pang Song Hae to President Xanana Gusmão on 11 Apr 2007.",
     "uncertain": None, "sources": [ETAN_TIMOR, DAILYNK_TIMOR]},
    {"iso2": "LT", "established": "1991-09-25", "status": "active",
     "notes": "Relations from 25 Sep 1991, the day before Latvia's. The DPRK's ambassador in Stockholm, Jon In Chan, also accredited to Norway, presented his credentials to President Rolandas Paksas in early 2004.",
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_2004, HANKYUNG_LATVIA]},
    {"iso2": "GY", "established": "by 1991", "status": "active",
     "notes": "In early 1991 the DPRK had an ambassador resident in Guyana, Im Gi Taek, who was accredited to seven neighbouring states and, from then on, to Dominica. " + CARIBBEAN_NOTE,
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_1991, KORYO_JOURNAL]},
    {"iso2": "JM", "established": "by 1991", "status": "active",
     "notes": "In Feb 1991 the DPRK replaced its ambassador to Jamaica, Sin Myong Ho, with Han Bong Gu. " + CARIBBEAN_NOTE,
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_1991, KORYO_JOURNAL]},
    {"iso2": "BJ", "established": "by 1991", "status": "active",
     "notes": "In Feb 1991 the DPRK replaced its ambassador to Benin, An Gi Bok, with Paek Hong Gi. " + CARIBBEAN_NOTE,
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_1991, KORYO_JOURNAL]},
] + [
    {"iso2": iso2, "established": "by 1991", "status": "active",
     "notes": CARIBBEAN_1991.format(name) + " " + CARIBBEAN_NOTE,
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_1991, KORYO_JOURNAL]}
    for iso2, name in [("GD", "Grenada"), ("BB", "Barbados"), ("VC", "Saint Vincent and the Grenadines"), ("LC", "Saint Lucia"),
                       ("SR", "Suriname"), ("TT", "Trinidad and Tobago"), ("AG", "Antigua and Barbuda")]
] + [
    {"iso2": "DM", "established": "by 1991", "status": "active",
     "notes": "In early 1991 the DPRK named its ambassador resident in Guyana, Im Gi Taek, ambassador to Dominica as well. " + CARIBBEAN_NOTE,
     "uncertain": None, "sources": [HANKYUNG_ENVOYS_1991, KORYO_JOURNAL]},
]

KBS_2007_RELATIONS = src("'Improved Ties with NK are Inevitable Global Trend'", "KBS World", "2007-11-23",
                         "http://world.kbs.co.kr/service/news_view.htm?Seq_Code=50365&lang=e")
DAILYNK_MONTENEGRO = src("북한-몬테네그로 수교 (연합)", "Daily NK", "2007", "https://www.dailynk.com/%EB%B6%81%ED%95%9C%EB%AA%AC%ED%85%8C%EB%84%A4%EA%B7%B8%EB%A1%9C-%EC%88%98%EA%B5%90/")
NAMU_MACEDONIA = src("북마케도니아/외교 (namu.wiki mirror)", "나무위키 (namu.wiki)", None,
                     "https://readonly.wiki/w/%EB%B6%81%EB%A7%88%EC%BC%80%EB%8F%84%EB%8B%88%EC%95%84/%EC%99%B8%EA%B5%90")
RFA_LATVIA = src("라트비아 외교부, 북 대사 만나 러시아 파병 항의", "RFA 자유아시아방송", "2024-11-27",
                 "https://www.rfa.org/korean/in_focus/nk_nuclear_talks/lativa-condemns-north-korea-military-russia-11272024113226.html")
JOONGANG_MALTA = src("북한, 몰타에 무기공급 82년 비밀리에 협정체결 (AFP·연합)", "중앙일보 (JoongAng Ilbo)", None,
                     "https://www.joongang.co.kr/article/2111546")
ZAMANE_MOROCCO = src("Le Maroc et la Corée du Nord n'ont jamais entretenu de relations", "Zamane", None,
                     "http://zamane.ma/fr/le-maroc-et-la-coree-du-nord-nont-jamais-entretenu-de-relations/")
AFC_SADR = src("La République populaire démocratique de Corée, premier Etat non africain à avoir reconnu la République arabe sahraouie démocratique",
               "Association d'amitié franco-coréenne", "2014-09",
               "http://www.amitiefrancecoree.org/2014/09/la-republique-populaire-democratique-de-coree-premier-etat-non-africain-a-avoir-reconnu-la-republique-arabe-sahraouie-democratique.h")
JOONGANG_MAURITANIA = src("한국, 모리타니와 대사급 수교를 재개", "중앙일보 (JoongAng Ilbo)", "1978", "https://www.joongang.co.kr/article/1499451")
WIKI_MAURITANIA = src("毛里塔尼亞—朝鮮關係 (Mauritania–North Korea relations, Chinese Wikipedia mirror)", "Wikipedia (zh)", None,
                      "https://wiwiki.kfd.me/zh-hant/%E6%AF%9B%E9%87%8C%E5%A1%94%E5%B0%BC%E4%BA%9A%E2%80%94%E6%9C%9D%E9%B2%9C%E5%85%B3%E7%B3%BB")
ALCHETRON_MAURITANIA = src("Mauritania–North Korea relations (Wikipedia text)", "Alchetron", None, "https://alchetron.com/Mauritania%E2%80%93North-Korea-relations")
NKCHOSUN_YEMEN = src("북한-예멘, 무역·투자 협정 조인 (연합)", "조선일보 NK조선 (Yonhap)", None, "https://nk.chosun.com/news/articleView.html?idxno=65585")
DPRK_NK_LIST = src("北朝鮮と国交のある国・ない国 (quoting North Korea in the World)", "dprk-nk.com", "2019-04", "https://www.dprk-nk.com/archives/81")
HANKYUNG_SUDAN = src("수단, 북한과 모든 방산계약 취소… 미국 압박에 관계 단절 (연합뉴스)", "한국경제 (Hankyung)", "2018-06-07",
                     "https://hankyung.com/article/201806076585Y")
VOA_SUDAN = src("수단 \"북한과 완전히 절연\"...아프리카 국가들 북한과 관계 축소 잇따라", "VOA 한국어", None, "https://www.voakorea.com/a/3574814.html")

MORE_RELATIONS += [
    {"iso2": "ME", "established": "2007", "status": "active",
     "notes": "The two agreed on ambassadorial relations on 16 Jul 2007 (KCNA), a year after Montenegro's independence; one of the relations the DPRK established that year.",
     "uncertain": None, "sources": [DAILYNK_MONTENEGRO, KBS_2007_RELATIONS]},
    {"iso2": "MK", "established": "1993-10-11", "status": "active",
     "notes": "Relations from 11 Oct 1993; the DPRK has no embassy in Skopje and covers North Macedonia from its embassy in Sofia.",
     "uncertain": None, "sources": [NAMU_MACEDONIA, KORYO_JOURNAL]},
    {"iso2": "LV", "established": "1991-09-26", "status": "active",
     "notes": "A joint declaration signed in Riga on 26 Sep 1991 by the DPRK's ambassador to the USSR, Son Song Phil, and Foreign Minister Jānis Jurkāns, a month before Latvia's relations with the Republic of Korea. The DPRK's ambassador in Stockholm is accredited to Latvia: on 25 Nov 2024 Latvia's ambassador to Sweden protested to Ri Won Guk against the DPRK's troops in Russia.",
     "uncertain": None, "sources": [HANKYUNG_LATVIA, RFA_LATVIA]},
    {"iso2": "MT", "established": "by 1982", "status": "active",
     "notes": "Malta's Labour government signed two secret agreements with the DPRK in 1982 (25 Mar and Jul) for arms and ammunition, delivered in 1983 with four military advisers, as the later Nationalist government told parliament.",
     "uncertain": None, "sources": [JOONGANG_MALTA, KORYO_JOURNAL]},
    {"iso2": "MA", "established": "by 1961", "status": "active",
     "notes": "The two signed a treaty of economic and cultural cooperation in 1961 and opened diplomatic representations. Relations froze when the DPRK recognised the Sahrawi Arab Democratic Republic on 16 Mar 1976, the first state outside Africa to do so; they remain officially in force, with no DPRK diplomat in Morocco.",
     "uncertain": None, "sources": [ZAMANE_MOROCCO, AFC_SADR]},
    {"iso2": "MR", "established": "1964-11", "status": "active",
     "notes": "Relations from Nov 1964, after which the Republic of Korea broke off its own; Kim Il Sung paid a state visit on 30 May 1975. Mauritania broke off relations on 7 Jun 1977 over the DPRK's support for the Polisario Front, and relations were restored in 1980. Neither has an embassy in the other.",
     "uncertain": "The day differs: 2 Nov 1964 (JoongAng Ilbo, 1978), 11 Nov 1964 (English Wikipedia's text), 12 Nov 1964 (Chinese Wikipedia).",
     "sources": [JOONGANG_MAURITANIA, WIKI_MAURITANIA, ALCHETRON_MAURITANIA]},
    {"iso2": "YE", "established": "1963", "status": "active",
     "notes": "Relations from 1963 (with North Yemen); South Yemen had relations only with the DPRK until 1990. The two signed trade and investment agreements during a visit by Trade Minister Rim Kyong Man.",
     "uncertain": None, "sources": [NKCHOSUN_YEMEN, KORYO_JOURNAL]},
    {"iso2": "AF", "established": "1973", "status": "active",
     "notes": "Relations from 1973, as the list quoted from North Korea in the World gives them.",
     "uncertain": None, "sources": [DPRK_NK_LIST, KORYO_JOURNAL]},
    {"iso2": "SD", "established": None, "status": "unknown",
     "notes": "Sudan's foreign minister said in Seoul that Sudan had cut itself off completely from the DPRK, that the two exchanged no embassies and planned no high-level visits; on 6 Jun 2018 its foreign ministry said all defence contracts with the DPRK were cancelled and all relations, direct or through third parties, ended.",
     "uncertain": "Whether diplomatic relations were formally severed: Sudan spoke of ending relations, and the sources read name no act of severance.",
     "sources": [HANKYUNG_SUDAN, VOA_SUDAN]},
]
MORE_RELATIONS += [
    {"iso2": iso2, "established": "2007", "status": "active",
     "notes": "Embassy-level relations established in 2007, as Pyongyang Broadcasting reported in Nov 2007.",
     "uncertain": None, "sources": [KBS_2007_RELATIONS, KORYO_JOURNAL]}
    for iso2 in ("SZ", "DO", "GT")
]
for antigua in MORE_RELATIONS:
    if antigua["iso2"] == "AG":  # the 1991 report shows relations; this list dates them
        antigua["established"] = "1990"
        antigua["sources"].insert(0, DPRK_NK_LIST)

MOFA_ROK_CONGO = src("북한 · 콩고 외교관계 수립, 1964.12.24 (외교문서 18446)", "대한민국 외교부 외교문서 (MOFA open data)", None,
                     "http://opendata.mofa.go.kr/mofadocu/resource/Document/18446")
DAUM_CONGO = src("콩고와 한국과의 관계", "다음백과 (Daum Encyclopedia)", None, "https://100.daum.net/encyclopedia/view/b21k3824b007")
HANKYUNG_CONGO_2020 = src("김명식 콩고 주재 북한 대사, 사수 응게소 대통령 면담 (연합뉴스)", "한국경제 (Hankyung)", "2020-01-04",
                          "https://www.hankyung.com/society/article/202001042711Y")
MFA_KP_GABON = src("조선가봉친선관계발전의 력사를 더듬어", "DPRK Ministry of Foreign Affairs", "2022-01", "http://mfa.gov.kp/view/article/14117")
WTIMES_GABON = src("주 가봉 대사, 일본·중국 대사 초청 만찬", "더블유타임즈 (W-Times)", None, "http://wtimes.kr/detail.php?number=14324&thread=22")
NKCHOSUN_GABON = src("리원선 가봉 주재 북한 대사 신임장 제정 (연합)", "조선일보 NK조선 (Yonhap)", None, "https://nk.chosun.com/news/articleView.html?idxno=80338")
NAMU_CAMEROON = src("카메룬/외교 (namu.wiki mirror)", "나무위키 (namu.wiki)", None, "https://mir.pe/wiki/%EC%B9%B4%EB%A9%94%EB%A3%AC/%EC%99%B8%EA%B5%90")
NKNEWS_CAMEROON = src("N. Korea strengthens ties with Cameroon, other African countries", "NK News", "2013-08",
                      "https://www.nknews.org/2013/08/n-korea-strengthens-ties-with-cameroon-other-african-countries/")
DAUM_CHAD = src("차드와 한국과의 관계", "다음백과 (Daum Encyclopedia)", None, "https://100.daum.net/encyclopedia/view/b20c1476b007")
CHOSON_SINBO_NIGER = src("ニジェール大統領に祝電 (金永南委員長)", "朝鮮新報 (Choson Sinbo)", "2011-04-18", "http://eigyou.korea-np.co.jp/j-2011/04/1104j0418-00001.htm")
SIERRA_EXPRESS = src("Sierra Leone mourns with Korea on death of Kim Jong-il", "Sierra Express Media", "2011-12",
                     "https://sierraexpressmedia.com/?p=33549")
WIKI_SEYCHELLES = src("North Korea–Seychelles relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Seychelles_relations")
CHOSON_SINBO_ESWATINI = src("朝鮮−スワジ 外交関係樹立", "朝鮮新報 (Choson Sinbo, KCNA)", "2007-09-26", "http://eigyou.korea-np.co.jp/j-2007/04/0704j0926-00004.htm")
HANKYUNG_CHILE = src("북한-칠레, 외교관계 재개 합의 (조선중앙통신)", "한국경제 (Hankyung)", "1992-09-28", "https://www.hankyung.com/news/article/1992092800501")

MORE_RELATIONS += [
    {"iso2": "CG", "established": "1964-12-24", "status": "active",
     "notes": "Announced in Brazzaville on 24 Dec 1964, signed by the DPRK's ambassador in Guinea and Congo's prime minister; the Republic of Korea broke off its own relations in 1965 and restored them in 1990. The DPRK opened an embassy in May 1965; its ambassador Kim Myong Sik met President Sassou Nguesso on 31 Dec 2019.",
     "uncertain": None, "sources": [MOFA_ROK_CONGO, DAUM_CONGO, HANKYUNG_CONGO_2020]},
    {"iso2": "GA", "established": "1974-01-29", "status": "active",
     "notes": "President Omar Bongo visited Pyongyang in May 1977, and DPRK artists built his statue in 1983. The DPRK's ambassador Ri Won Son presented his credentials to President Bongo and was also accredited to Angola, Congo and São Tomé and Príncipe.",
     "uncertain": "The DPRK's foreign ministry dates relations to 29 Jan 1974; W-Times, from the ROK embassy, to 1 Feb 1974.",
     "sources": [MFA_KP_GABON, WTIMES_GABON, NKCHOSUN_GABON]},
    {"iso2": "CM", "established": "1972", "status": "active",
     "notes": "Relations from 1972; Cameroon's ambassador in Beijing is accredited to the DPRK. Foreign Minister Pak Ui Chun paid an official visit in Aug 2013.",
     "uncertain": None, "sources": [NAMU_CAMEROON, NKNEWS_CAMEROON]},
    {"iso2": "TD", "established": "1965-08", "status": "active",
     "notes": "Relations from Aug 1965, with little exchange since, according to the Daum encyclopedia.",
     "uncertain": None, "sources": [DAUM_CHAD, KORYO_JOURNAL]},
    {"iso2": "NE", "established": "by 2011", "status": "active",
     "notes": "The sources read give no earlier date. Kim Yong Nam congratulated Mahamadou Issoufou on his election in Apr 2011, citing the friendly relations between the two countries.",
     "uncertain": None, "sources": [CHOSON_SINBO_NIGER, KORYO_JOURNAL]},
    {"iso2": "SL", "established": "1971", "status": "active",
     "notes": "Relations from 1971, the year Sierra Leone became a republic under Siaka Stevens; the DPRK helped its agriculture. Sierra Leone's embassy in Beijing is accredited to the DPRK.",
     "uncertain": None, "sources": [SIERRA_EXPRESS]},
    {"iso2": "SC", "established": "by 1980", "status": "active",
     "notes": "The sources read give no date of establishment. Under President France-Albert René (1977–2004) the DPRK gave development and military aid: uniformed DPRK soldiers were in the country in 1980, 55 instructors in 1983; René signed an economic cooperation treaty in Pyongyang in 1988. Neither country has an embassy in the other.",
     "uncertain": None, "sources": [WIKI_SEYCHELLES, KORYO_JOURNAL]},
]
for eswatini in MORE_RELATIONS:
    if eswatini["iso2"] == "SZ":  # the day, from the joint communiqué
        eswatini["established"] = "2007-09-20"
        eswatini["notes"] = "A joint communiqué on ambassadorial relations signed by the two UN ambassadors in New York on 20 Sep 2007."
        eswatini["sources"].insert(0, CHOSON_SINBO_ESWATINI)

TOGO_DIPLOMATIE = src("Kim Jong-un envoie un ambassadeur au Togo", "Togo Diplomatie", "2019-02-24",
                      "https://www.togodiplomatie.info/Diplo-Togo/Kim-Jong-un-envoie-un-ambassadeur-au-Togo")
HANKYUNG_TOGO_1990 = src("토고 투자유치사절단 방한", "한국경제 (Hankyung)", "1990-02-14", "https://www.hankyung.com/news/article/1990021400971")
JOONGANG_GUINEA_BISSAU = src("기니-비사우와 수교", "중앙일보 (JoongAng Ilbo)", None, "https://www.joongang.co.kr/article/1726710")
NEWARAB_TUNISIA = src("Tunisia's Saied congratulates Kim Jong-un on national day, prompts ridicule", "The New Arab", "2023-09-27",
                      "https://www.newarab.com/news/saied-congratulates-n-korea-holiday-prompts-ridicule")
PORTUGUESE_SPEAKERS = ("In the early 1980s the JoongAng Ilbo counted {} among the five former Portuguese colonies (with Angola, Guinea-Bissau "
                       "and Mozambique) that had relations with the DPRK alone.")

MORE_RELATIONS += [
    {"iso2": "TG", "established": "1973", "status": "active",
     "notes": "Under President Eyadéma (1967–2005) Togo kept close ties with the DPRK, which had an embassy in Lomé until 1998; after his visit to Pyongyang in Sept 1974 Togo broke off relations with the Republic of Korea. The DPRK's ambassador in Nigeria, Jon Tong Chol, presented his credentials to President Faure Gnassingbé on 12 Feb 2019.",
     "uncertain": "Togo Diplomatie (2019) dates relations to 1973; Hankyung (1990) to 1972.",
     "sources": [TOGO_DIPLOMATIE, HANKYUNG_TOGO_1990]},
    {"iso2": "GW", "established": "1974", "status": "active",
     "notes": "Relations from 1974, after independence; Guinea-Bissau had relations with the DPRK alone until it agreed on relations with the Republic of Korea in the early 1980s.",
     "uncertain": None, "sources": [JOONGANG_GUINEA_BISSAU, KORYO_JOURNAL]},
    {"iso2": "CV", "established": "by the early 1980s", "status": "active",
     "notes": PORTUGUESE_SPEAKERS.format("Cape Verde"), "uncertain": None, "sources": [JOONGANG_GUINEA_BISSAU, KORYO_JOURNAL]},
    {"iso2": "ST", "established": "by the early 1980s", "status": "active",
     "notes": PORTUGUESE_SPEAKERS.format("São Tomé and Príncipe") + " The DPRK's ambassador in Gabon, Ri Won Son, was also accredited to São Tomé and Príncipe.",
     "uncertain": None, "sources": [JOONGANG_GUINEA_BISSAU, NKCHOSUN_GABON]},
    {"iso2": "TN", "established": "by 2023", "status": "active",
     "notes": "The sources read give no date of establishment. President Kais Saied sent Kim Jong Un congratulations on the DPRK's national day in Sept 2023, published by KCNA.",
     "uncertain": None, "sources": [NEWARAB_TUNISIA, KORYO_JOURNAL]},
]

PORTAL_WORLDS_BRUNEI = src("ブルネイと北朝鮮は会談を実施", "Portal Worlds", None, "https://portal-worlds.com/news/brunei/4038/amp")
ASIAONE_ASEAN = src("Pyongyang still has some friends in ASEAN, for now (The Straits Times)", "AsiaOne", "2017-03",
                    "https://www.asiaone.com/asia/pyongyang-still-has-some-friends-asean-now")
DIPLOMAT_HORN = src("North Korea's Military Partners in the Horn of Africa", "The Diplomat", "2018-01",
                    "https://thediplomat.com/2018/01/north-koreas-military-partners-in-the-horn-of-africa/")
ETODAY_MALDIVES = src("몰디브 비상사태, 한국과 관계는? 1967년 수교ㆍ신혼여행지로 각광", "이투데이 (eToday)", "2015-11-05", "https://etoday.co.kr/news/view/1229117")
KCNA_MALDIVES = src("말디브대통령 조선특명전권대사로부터 신임장 봉정받아", "조선중앙통신 (KCNA, kcna.co.jp)", "2007-04-14",
                    "http://kcna.co.jp/calendar/2007/04/04-14/2007-0414-003.html")
KOWIKI_PNG = src("파푸아뉴기니의 대외 관계", "위키백과 (Korean Wikipedia)", None,
                 "https://ko.wikipedia.org/wiki/%ED%8C%8C%ED%91%B8%EC%95%84_%EB%89%B4%EA%B8%B0%EB%8B%88%EC%9D%98_%EB%8C%80%EC%99%B8_%EA%B4%80%EA%B3%84")

MORE_RELATIONS += [
    {"iso2": "BN", "established": "by July 2000", "status": "active",
     "notes": "When the DPRK established relations with the Philippines on 12 Jul 2000 it had them with every ASEAN member but Myanmar, Brunei included. Neither has an embassy in the other; Brunei's foreign minister visited Pyongyang in Sept 2013 and a DPRK foreign minister later paid a three-day visit to Brunei.",
     "uncertain": None, "sources": [SNKPRESS_ASEAN, PORTAL_WORLDS_BRUNEI, ASIAONE_ASEAN]},
    {"iso2": "SO", "established": "1970", "status": "active",
     "notes": "Relations from 1970; President Siad Barre visited Pyongyang in 1971 and the DPRK gave Somalia military aid. In 2016 a French frigate seized DPRK machine guns bound for Somalia, as a UN report of Nov 2017 revealed.",
     "uncertain": None, "sources": [DIPLOMAT_HORN, KORYO_JOURNAL]},
    {"iso2": "MV", "established": "1970-06", "status": "active",
     "notes": "Relations from Jun 1970 (the Republic of Korea's from Nov 1967). President Gayoom, who had visited the DPRK in 1983, received the credentials of a DPRK ambassador on 9 Apr 2007.",
     "uncertain": None, "sources": [ETODAY_MALDIVES, KCNA_MALDIVES]},
    {"iso2": "PG", "established": "1976", "status": "active",
     "notes": "Papua New Guinea established relations with both Koreas in 1976.",
     "uncertain": None, "sources": [KOWIKI_PNG, KORYO_JOURNAL]},
]

JOONGANG_COMOROS = src("코모로공화국 북괴와 단교", "중앙일보 (JoongAng Ilbo)", "1983", "https://www.joongang.co.kr/article/1726524")
DAUM_LIBERIA = src("라이베리아와 한국과의 관계", "다음백과 (Daum Encyclopedia)", None, "https://100.daum.net/encyclopedia/view/b05r3555b006")
JOONGANG_LIBERIA = src("미서 해방된 흑인노예들이 세운 국가 인구 백80만…한국기업들 활발한 진출", "중앙일보 (JoongAng Ilbo)", None,
                       "https://www.joongang.co.kr/article/1534408")
NKEW_SOUTH_SUDAN = src("DPRK-South Sudan diplomatic ties established (KCNA)", "North Korean Economy Watch", "2011-11-18", "https://www.nkeconwatch.com/page/183")
AJU_SOUTH_SUDAN = src("북한-남수단 국교 수립 (조선중앙통신)", "아주경제 (Aju News)", "2011-11-18", "https://www4.ajunews.com/view/20111118000382")
LIST_SILENT = "Koryo Journal (Oct 2017) does not list {} among the UN members without relations with the DPRK."

MORE_RELATIONS += [
    {"iso2": "KM", "established": None, "status": "unknown",
     "notes": "The Comoros broke off relations with the DPRK over the Rangoon bombing of Oct 1983, by a note to the DPRK's embassy in Madagascar that cited Burma's official inquiry. The sources read report no restoration.",
     "uncertain": "Whether relations were restored: " + LIST_SILENT.format("the Comoros"),
     "sources": [JOONGANG_COMOROS, KORYO_JOURNAL]},
    {"iso2": "LR", "established": "1973-12", "status": "unknown",
     "notes": "Relations from Dec 1973, without a resident DPRK mission; Liberia broke them off after the bombing of Korean Air flight 858 in Nov 1987 and banned all exchanges. The sources read report no restoration.",
     "uncertain": "The Daum encyclopedia dates relations to Dec 1973, a JoongAng Ilbo report of the late 1970s to 1975. Whether relations were restored: " + LIST_SILENT.format("Liberia"),
     "sources": [DAUM_LIBERIA, JOONGANG_LIBERIA, KORYO_JOURNAL]},
    {"iso2": "SS", "established": "2011-11-16", "status": "active",
     "notes": "A joint communiqué on ambassadorial relations signed in Addis Ababa on 16 Nov 2011 by the two countries' ambassadors to Ethiopia (for the DPRK, Kim Hyok Chol), four months after South Sudan's independence; the DPRK's embassy in Ethiopia handles South Sudan.",
     "uncertain": None, "sources": [NKEW_SOUTH_SUDAN, AJU_SOUTH_SUDAN]},
]

JOONGANG_COSTA_RICA = src("코스타리카, 북괴와 단교", "중앙일보 (JoongAng Ilbo)", "1983-12", "https://www.joongang.co.kr/article/1724217")
FIJI_CABINET_2012 = src("Cabinet approves memorandum of understanding between Fiji and the DPRK (28/8/12)", "Government of Fiji", "2012-08-28",
                        "https://www.fiji.gov.fj/Media-Centre/Cabinet-Releases/28-8-12---CABINET-APPROVES-MEMORANDUM-OF-UNDERSTAN")
HANKYUNG_ST_LUCIA = src("북한, 세인트루시아와 2년만에 복교 (내외통신)", "한국경제 (Hankyung)", "1990-09-22", "https://www.hankyung.com/news/article/1990092200771")
HANKYUNG_ANTIGUA = src("북한, 앤티가바부다와 비상주 대사급 외교관계 수립 (내외통신)", "한국경제 (Hankyung)", "1990-12-03", "https://www.hankyung.com/article/1990120300771")
DONGA_LIECHTENSTEIN = src("북한, 유럽의 소공국 리히텐슈타인 수교", "동아일보 (Dong-A Ilbo)", "2001-12-26", "https://www.donga.com/news/Politics/article/all/20011226/7773076/1")
VIEWS_2007_RELATIONS = src("북한, 과테말라와 수교. 올 들어 5번째 수교 (AP·교도)", "뷰스앤뉴스 (Views&News)", "2007-09-28", "http://viewsnnews.com/article?q=22352")
WIKI_SAN_MARINO = src("Relations Saint-Marin–Corée du Nord (Russian Wikipedia, translated mirror)", "Wikipedia (ru)", None,
                      "https://perceptiofr.com/%D0%A1%D0%B0%D0%BD-%D0%BC%D0%B0%D1%80%D0%B8%D0%BD%D1%81%D0%BA%D0%BE-%D1%81%D0%B5%D0%B2%D0%B5%D1%80%D0%BE%D0%BA%D0%BE%D1%80%D0%B5%D0%B9%D1%81%D0%BA%D0%B8%D0%B5_%D0%BE%D1%82%D0%BD%D0%BE%D1%88%D0%B5%D0%BD%D0%B8%D1%8F")

MORE_RELATIONS += [
    {"iso2": "CR", "established": None, "status": "severed",
     "notes": "Costa Rica's cabinet decided on 23 Nov 1983 to break off relations with the DPRK over the Rangoon bombing, announced on 2 Dec; President Monge said Costa Rica would have no relations of any kind with the DPRK in future and would not treat it as a normal state.",
     "uncertain": None, "sources": [JOONGANG_COSTA_RICA]},
    {"iso2": "FJ", "established": "1975-04-14", "status": "active",
     "notes": "Relations from 14 Apr 1975. Fiji suspended them from 1987 to 2001 over the bombing of Korean Air flight 858 and resumed them in 2002 under its 'Look North' policy; a memorandum on consultations was signed in Aug 2012 at the Non-Aligned summit in Tehran.",
     "uncertain": None, "sources": [FIJI_CABINET_2012]},
    {"iso2": "LI", "established": "2001-05-02", "status": "active",
     "notes": "Relations from 2 May 2001, one of 13 the DPRK established that year; its ambassador in Switzerland, Ri Chol, was accredited to Liechtenstein.",
     "uncertain": None, "sources": [DONGA_LIECHTENSTEIN]},
    {"iso2": "SM", "established": "2004", "status": "active",
     "notes": "The two exchanged notes in 2004; DPRK ambassador Han Tae Song presented his credentials on 14 Sep 2007.",
     "uncertain": "Views&News (2007) counts San Marino among the relations of 2004; the Russian Wikipedia dates the formal establishment to 14 Mar 2005, after notes exchanged in 2004.",
     "sources": [VIEWS_2007_RELATIONS, WIKI_SAN_MARINO]},
]

# Exact dates found later for records above: (established, note to prepend or None, sources to add).
RELATION_DATES = {
    "LC": ("1979-09", "Relations from Sept 1979; Saint Lucia broke them off in Mar 1988 after the bombing of Korean Air flight 858 and restored them in 1990: Im Gi Taek, resident in Guyana, presented his credentials on 10 Sep 1990.", [HANKYUNG_ST_LUCIA]),
    "AG": ("1990-11-27", "Non-resident ambassadorial relations agreed in New York on 27 Nov 1990 by the two UN ambassadors.", [HANKYUNG_ANTIGUA]),
    "ME": ("2007-07-16", None, [VIEWS_2007_RELATIONS]),
    "DO": ("2007-09-24", None, [VIEWS_2007_RELATIONS]),
    "GT": ("2007-09-26", "Announced in New York on 26 Sep 2007 by Vice Foreign Minister Choe Su Hon and Foreign Minister Gert Rosenthal; with it the DPRK had relations with 160 of the 192 UN members.", [VIEWS_2007_RELATIONS]),
    "AE": ("2007-09-17", "Relations from 17 Sep 2007.", [VIEWS_2007_RELATIONS]),
    "TL": ("2002", None, [VIEWS_2007_RELATIONS]),
}
for record in MORE_RELATIONS:
    if record["iso2"] in RELATION_DATES:
        date, note, added = RELATION_DATES[record["iso2"]]
        record["established"] = date
        if note:
            record["notes"] = f"{note} {record['notes']}"
        record["sources"] = added + record["sources"]

WIKI_CAR = src("Central African Republic–North Korea relations (Wikipedia, via a mirror)", "Wikipedia", None,
               "https://wikiclassic.com/wiki/Central_African_Republic%E2%80%93North_Korea_relations")
WILSON_BANGUI = src("Telegram 016.560 from the Romanian Embassy in Bangui to the Romanian Ministry of Foreign Affairs", "Wilson Center Digital Archive", "1978-02-23",
                    "https://wilson-center-digital-archive.dvincitest.com/document/telegram-016560-romanian-embassy-bangui-romanian-ministry-foreign-affairs")
WIKI_GAMBIA = src("The Gambia–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/The_Gambia%E2%80%93North_Korea_relations")
NKREPORTS_GAMBIA = src("Visit of the DPRK Foreign Minister in Gambia (KCNA)", "NK Reports", "2014-06-09",
                       "https://nkreports.com/2014/06/09/visit-of-the-dprk-foreign-minister-in-gambia/")

MORE_RELATIONS += [
    {"iso2": "CF", "established": "1969-09-05", "status": "active",
     "notes": "Kim Il Sung kept close ties with Jean-Bédel Bokassa, whose first foreign visit as emperor was to Pyongyang, where he signed a treaty of peace and friendship in 1978; both Koreas then had resident ambassadors in Bangui. Neither country has an embassy in the other today.",
     "uncertain": "Wikipedia gives 5 Sep 1969 and notes that other sources cite 28 Jan 1965.",
     "sources": [WIKI_CAR, WILSON_BANGUI]},
    {"iso2": "GM", "established": "1973-03", "status": "active",
     "notes": "President Dawda Jawara established relations in Mar 1973 after reassuring Seoul; a DPRK mission opened in Banjul in Jul 1975. Foreign Minister Ri Su Yong held talks in Banjul on 5 Jun 2014 with the DPRK's non-resident ambassador to the Gambia.",
     "uncertain": None, "sources": [WIKI_GAMBIA, NKREPORTS_GAMBIA]},
]
for chad in MORE_RELATIONS:
    if chad["iso2"] == "TD":
        chad["uncertain"] = "The Daum encyclopedia dates relations to Aug 1965; Wikipedia's article on the Central African Republic says Chad established them in 1969."
        chad["sources"].append(WIKI_CAR)

# A later report about a state the two lists record without relations.
LIST_RECORD_UPDATES = {}

# Chile: the two lists count its relations as ended, but they were restored in
# 1992 and Chile's foreign minister said in Aug 2017 that they exist.
SANTIAGO_TIMES_CHILE = src("Chile no piensa romper relaciones con Corea del Norte a pesar del pedido de Trump", "The Santiago Times",
                           "2017-08-19", "https://santiagotimes.cl/2017/08/19/chile-no-piensa-romper-relaciones-con-corea-del-norte-a-pesar-del-pedido-de-trump/")
EL_CIUDADANO_CHILE = src("Estados Unidos pide a Chile romper relaciones con Corea del Norte (relaying La Tercera)", "El Ciudadano",
                         "2017-08", "https://elciudadano.com/politica/estados-unidos-pide-a-chile-romper-relaciones-con-corea-del-norte/08/12")
HANKYUNG_CHILE_2001 = src("북한-칠레 국회회담 (연합뉴스)", "한국경제 (Hankyung, Yonhap)", "2001-09-20",
                          "https://www.hankyung.com/politics/article/2001092084388")
DAILYNK_CHILE = src("北, 칠레대사에 박혁 임명 (연합)", "데일리NK (Daily NK, Yonhap)", None,
                    "https://www.dailynk.com/%E5%8C%97-%EC%B9%A0%EB%A0%88%EB%8C%80%EC%82%AC%EC%97%90-%EB%B0%95%ED%98%81-%EC%9E%84%EB%AA%85/")
MORE_RELATIONS += [
    {"iso2": "CL", "established": "1970-11", "status": "active",
     "notes": "Relations began in Nov 1970 under President Allende; the military government broke them after the 1973 coup, and on 25 Sep 1992 the two signed a protocol in New York to resume ambassadorial relations. A DPRK ambassador, Pak Hyok, later presented his credentials to President Michelle Bachelet. In Aug 2017, asked by the US to cut ties, Foreign Minister Heraldo Muñoz said Chile maintains relations and would not cut them; Chile covers the DPRK from its embassy in China.",
     "uncertain": "The sources disagree on when relations first began: Nov 1970 (La Tercera, relayed by El Ciudadano; The Santiago Times), Jun 1972 (Yonhap, 2001 and the Daily NK item) or 1975, interrupted in 1976 (KCNA, relayed by Hankyung in 1992). Wikipedia's list (2016) and Koryo Journal (2017) count Chile among the states whose relations ended.",
     "sources": [EL_CIUDADANO_CHILE, SANTIAGO_TIMES_CHILE, HANKYUNG_CHILE_2001, DAILYNK_CHILE, HANKYUNG_CHILE, SEOUL_MUSINGS, KORYO_JOURNAL]},
]

WIKI_AUSTRALIA = src("Australia–North Korea relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/Australia%E2%80%93North_Korea_relations")
RNZ_AUSTRALIA = src("Reopening of Nth Korean embassy welcomed", "RNZ (AAP)", "2013-01-16",
                    "https://www.radionz.co.nz/news/world/125753/reopening-of-nth-korean-embassy-welcomed")
WIKI_SPAIN = src("North Korea–Spain relations", "Wikipedia", None, "https://en.wikipedia.org/wiki/North_Korea%E2%80%93Spain_relations")

# Established dates for relations the reference recorded without one, or
# with a coarser one than a later source gives: (date, sources).
RELATION_ESTABLISHED = {
    "AU": ("1974-07-31", [WIKI_AUSTRALIA]),
    "ES": ("2001-02-07", [WIKI_SPAIN]),
    "MM": ("1975-05", [WIKI_MYANMAR, ASIANEWS_MM]),
    "NI": ("1979", [DIVERGENTES_NI]),
    # Dates a source gives more precisely than the record had, each source
    # quoted in tools/curated/quotes.json (which also cites it on the record).
    "GQ": ("1969-01-30", []),
    "IR": ("1973-04-19", []),
    "MY": ("1973", []),
    "OM": ("1992-05", []),
    "QA": ("1993", []),
    "PG": ("1976-06", []),
    "SM": ("2004-05-13", []),
    "BG": ("1948-11", []),
    "BH": ("2001", []),
}

# States with no diplomatic relations with the DPRK, as two lists agree
# (Wikipedia's, quoted in 2016, and Koryo Journal's of Oct 2017).
NEVER_RELATIONS = ["SV", "HT", "HN", "PA", "US", "BO", "EC", "PY", "UY", "AD", "EE", "FR", "MC", "VA",
                   "BT", "IL", "JP", "SA", "TW", "KR", "CK", "KI", "MH", "FM", "NU", "PW", "WS", "SB", "TO", "TV"]
# Relations that existed and were terminated, dates not given by these sources.
ENDED_RELATIONS = ["AR", "IQ", "BW"]

YTN_PYONGYANG_EMBASSIES = src("북한에 중·러 등 4개국 공관 운영 정황", "YTN (via Daum)", "2024-01-04", "https://v.daum.net/v/20240104233439036")
NAMU_PYONGYANG_MISSIONS = src("외교공관/북한 내에 설치된 외교공관 (namu.wiki mirror)", "나무위키 (namu.wiki)", None,
                              "https://m.mir.pe/wiki/%EC%99%B8%EA%B5%90%EA%B3%B5%EA%B4%80/%EB%B6%81%ED%95%9C%20%EB%82%B4%EC%97%90%20%EC%84%A4%EC%B9%98%EB%90%9C%20%EC%99%B8%EA%B5%90%EA%B3%B5%EA%B4%80")
LAKIS_NICARAGUA = src("북한 주재 니카라과 대사, 최룡해에 신임장 제정 (연합뉴스)", "라키스 (LAKIS, relaying Yonhap)", "2024-07-12",
                      "https://lakis.or.kr/board/view/2/14633")

# Later facts about relations: (note to append, sources).
RELATION_ADDITIONS = {
    "RU": ("In Sept 2023 Russia's embassy in Pyongyang received new staff for the first time since 2019; in Jan 2024 it was one of four foreign embassies the South Korean government knew to be working there.",
           [YTN_PYONGYANG_EMBASSIES]),
    "LA": ("Its embassy was one of nine foreign missions still working in Pyongyang on 30 Oct 2021, when the pandemic had closed the others.",
           [NAMU_PYONGYANG_MISSIONS]),
    "PS": ("Its embassy was one of nine foreign missions still working in Pyongyang on 30 Oct 2021.", [NAMU_PYONGYANG_MISSIONS]),
    "AU": ("Since 2008 the DPRK has covered Australia from Jakarta; Sweden's embassy in Pyongyang gives Australians limited help.",
           [WIKI_AUSTRALIA, RNZ_AUSTRALIA]),
    "ES": ("Spain decided on relations on 15 Dec 2000; the accreditation from Seoul dates from 2006, and Sweden's embassy in Pyongyang handles Spain's consular matters there.",
           [WIKI_SPAIN]),
    "NI": ("Nicaragua's ambassador Manuel Modesto Munguía Martínez entered the DPRK in June 2024 and presented his credentials in Pyongyang on 11 Jul 2024 (KCNA, relayed by Yonhap).",
           [LAKIS_NICARAGUA]),
    "SE": ("Sweden resumed the work of its embassy in Pyongyang in Sept 2024, the first Western country to return after the pandemic closures.", [AP_POLAND_SWEDEN]),
    "CH": ("Switzerland's ambassador to the DPRK, Jurg Burri (resident in Beijing), presented his credentials in Pyongyang on 20 Feb 2025.", [KBS_SWISS_ENVOY]),
}

# Heads of mission named after the reference's record (a later source), oldest
# first, each closing the term before it: (mission) -> [(term, (how the earlier
# term ended, when))], and the sentence each adds to the mission's notes.
CDNK_SOFIA = src("주 불가리아 北대사 1년여만에 부임…신임장 제정 (연합뉴스)", "북한민주화위원회 (cdnk.co.kr)", "2025-03-24",
                 "http://cdnk.co.kr/board/bbs/board.php?bo_table=news&page=3&wr_id=13827")
NEWS1_MALABO_FAREWELL = src("주 적도기니 북한 대사 이임…\"대통령 작별방문\"", "뉴스1 (News1)", "2024-07-11", "https://news1.kr/amp/nk/politics-diplomacy/5507472")
NEWS1_MALABO_NEW = src("북한, 적도기니 주재 신임 대사로 리재선 임명", "뉴스1 (News1)", "2024-08-05", "https://news1.kr/amp/nk/politics-diplomacy/5532810")
VOA_VIENNA = src("슬로베니아 \"신임 북한대사에 핵·인권 문제 제기할 것...최강일 부임 확인\"", "VOA 한국어", "2020-09",
                 "https://voakorea.com/amp/korea_korea-politics_slovenia-dprk/6039165.html")

def term(name, sources, frm=None, to=None, reported=None, ended=None):
    return {"name": name, "title": "ambassador", "from": frm, "to": to, "reported": reported, "ended": ended, "sources": sources}

MORE_HEADS = {
    ("GB", "London"): [(term("Choe Il", [KOREA_HERALD_CHOE_IL], reported="2016-11"), ("recalled", "2016"))],
    ("BD", "Dhaka"): [(term("Pak Song Yop", [DAILY_STAR_DHAKA, NK_NEWS_DHAKA], reported="2023-11"), ("replaced", None))],
    ("BG", "Sofia"): [
        (term("Cha Kon Il", [CDNK_SOFIA], to="2024-04", ended="replaced", reported="2024-04"), None),
        (term("Ri Hak Mu", [CDNK_SOFIA], frm="2025-03-20"), None),
    ],
    ("GQ", "Malabo"): [
        (term("Dong Chol Ho", [NEWS1_MALABO_FAREWELL], frm="2017-04", to="2024-07-08", ended="replaced"), ("replaced", "2017-04")),
        (term("Ri Jae Son", [NEWS1_MALABO_NEW], reported="2024-08"), None),
    ],
    ("AT", "Vienna"): [
        (term("Choe Kang Il", [VOA_VIENNA], reported="2020-03"), None),
    ],
}
MORE_HEAD_NOTES = {
    ("GB", "London"): ("Choe Il was named ambassador in Nov 2016 (KCNA), succeeding Hyon Hak Bong; in Mar 2020 the DPRK's foreign ministry named him ambassador to Poland.",
                       [KOREA_HERALD_CHOE_IL, KOREA_HERALD_MARCH_2020]),
    ("BD", "Dhaka"): ("Ambassador Pak Song Yop and three other diplomats left Dhaka on 20 Nov 2023 when the embassy closed.",
                      [DAILY_STAR_DHAKA, NK_NEWS_DHAKA]),
    ("BG", "Sofia"): ("Ambassador Cha Kon Il left in Apr 2024 with no successor named; Ri Hak Mu presented his credentials to President Radev on 20 Mar 2025.", [CDNK_SOFIA]),
    ("GQ", "Malabo"): ("Ambassador Dong Chol Ho, in post from Apr 2017, paid his farewell call on President Obiang on 8 Jul 2024; Ri Jae Son was named to succeed him in Aug 2024.", [NEWS1_MALABO_FAREWELL, NEWS1_MALABO_NEW]),
    ("AT", "Vienna"): ("Choe Kang Il, a negotiator of the 2018–19 US talks, succeeded Kim Kwang Sop in Mar 2020; he is also accredited to Slovenia.", [VOA_VIENNA]),
}

MISSION_STATUS_UPDATES[("BG", "Sofia")] = ("open", "2025-03", [CDNK_SOFIA],
                                            "After a year without an ambassador, in which it was unclear whether the embassy still worked, Yonhap reported in Mar 2025 that it continued its work.")

WTIMES_IVORY_COAST = src("주 코트디부아르 대사, 해양활동범부처 위원장 면담", "더블유타임즈 (W-Times)", None, "http://wtimes.kr/detail.php?number=14137&thread=22")

MORE_RELATIONS += [
    {"iso2": "CI", "established": "1985-01-09", "status": "active",
     "notes": "Relations from 9 Jan 1985; the DPRK opened a resident embassy in Feb 1985 and withdrew it in Dec 1992. Côte d'Ivoire, in relations with the Republic of Korea since 1961, has mostly backed Seoul's positions since.",
     "uncertain": None, "sources": [WTIMES_IVORY_COAST, KORYO_JOURNAL]},
    {"iso2": "SI", "established": "by 2020", "status": "active",
     "notes": "The sources read give no date of establishment. The DPRK's ambassador in Vienna, Choe Kang Il, presented his credentials to President Borut Pahor in late Aug 2020; Slovenia said it would raise the DPRK's nuclear programme and human rights with him.",
     "uncertain": None, "sources": [VOA_VIENNA, KORYO_JOURNAL]},
]

# UN members for which no report read dates or describes relations: Koryo Journal (Oct 2017)
# counts 164 UN members with relations and lists the others, and these are not among them.
ONLY_ON_THE_LIST = ("No report read dates or describes relations with {}; Koryo Journal (Oct 2017) counts it among the 164 "
                    "UN members with relations, since it is not on its list of those without.")
MORE_RELATIONS += [
    {"iso2": iso2, "established": "before October 2017", "status": "active",
     "notes": ONLY_ON_THE_LIST.format(name), "uncertain": None, "sources": [KORYO_JOURNAL]}
    for iso2, name in [("BA", "Bosnia and Herzegovina"), ("BS", "the Bahamas"), ("BZ", "Belize"), ("DJ", "Djibouti"),
                       ("ER", "Eritrea"), ("HR", "Croatia"), ("KN", "Saint Kitts and Nevis"), ("MU", "Mauritius"),
                       ("NR", "Nauru"), ("VU", "Vanuatu")]
]

KCNA_PALESTINE = src("Tradition of DPRK-Palestine friendship will ever continue (KCNA)", "KCNA Watch", "2021-04-13",
                     "https://kcnawatch.org/newstream/1618286449-3555163/tradition-of-dprk-palestine-friendship-will-ever-continue")
PJMEDIA_PALESTINE = src("Palestinian Party in Pyongyang", "PJ Media (The Rosett Report)", "2013-04-19",
                        "https://pjmedia.com/claudiarosett/2013/04/19/palestinian-party-in-pyongyang-n188625")

MORE_RELATIONS += [
    {"iso2": "PS", "established": "1966-04-13", "status": "active",
     "notes": "On 13 Apr 1966 the DPRK recognised the Palestine Liberation Organization as the sole legitimate representative of the Palestinian people and established relations; it says it was the first to recognise the State of Palestine proclaimed on 15 Nov 1988. Its ambassador in Pyongyang, Ismail Ahmed Mohamed Hasan, gave a reception there in Apr 2013.",
     "uncertain": None, "sources": [KCNA_PALESTINE, PJMEDIA_PALESTINE]},
    {"iso2": "XK", "established": None, "status": "none",
     "notes": None, "uncertain": None, "sources": [KORYO_JOURNAL]},
]

HERALD_BERLIN = src("독일 주재 북한 대사, '삼수' 끝에 신임장 제정", "헤럴드경제 (Herald Business)", "2017-04-28",
                    "http://mbiz.heraldcorp.com/view.php?ud=20170428000856&ntn=0")
YTN_BEIJING = src("주중 북한 대사에 '무역통' 리룡남 임명...북중 경제협력 강화 포석 (via a video mirror)", "YTN", "2021-02-19",
                  "https://wideo.ovh/video/x7zf4t7/주중-북한-대사에-'무역통'-리룡남-임명...북중-경제협력-강화-포석-/-ytn")
HANKYUNG_ADDIS = src("심동국 주에티오피아 대사, 에티오피아 외무성 국무상 면담 (연합뉴스)", "한국경제 (Hankyung)", "2021-01-05",
                     "https://www.hankyung.com/article/202101050706Y")

MORE_HEADS.update({
    ("DE", "Berlin"): [
        (term("Ri Si Hong", [HERALD_BERLIN], reported="2016-04", to="2017-04", ended="replaced"), None),
        (term("Pak Nam Yong", [HERALD_BERLIN], frm="2017-04-24"), None),
    ],
    ("CN", "Beijing"): [
        (term("Ri Ryong Nam", [YTN_BEIJING], reported="2021-02-19"), None),
    ],
    ("RU", "Moscow"): [
        (term("Sin Hong Chol", [HANKYUNG_KAZAKHSTAN, VESTIABAD_TM], frm="2020-02", reported="2025-12-13"), None),
    ],
    ("ET", "Addis Ababa"): [
        (term("Sim Dong Guk", [HANKYUNG_ADDIS], reported="2021-01-01"), None),
    ],
    ("SE", "Stockholm"): [
        (term("Ri Won Guk", [RFA_LATVIA, NEWS1_LESOTHO], frm="2018", reported="2024-11-25", to="2025", ended="replaced"), None),
    ],
})
MORE_HEAD_NOTES.update({
    ("DE", "Berlin"): ("Germany twice refused agrément to a successor after Ambassador Ri Si Hong was called home in Apr 2016, so he returned to Berlin; Pak Nam Yong presented his credentials to President Steinmeier on 24 Apr 2017.", [HERALD_BERLIN]),
    ("CN", "Beijing"): ("Ri Ryong Nam, a former trade minister, was named ambassador in Feb 2021, replacing Ji Jae Ryong; he was the last ambassador the DPRK named abroad before July 2024.", [YTN_BEIJING]),
    ("RU", "Moscow"): ("Sin Hong Chol took up the post in Feb 2020 and is also accredited to Kazakhstan (credentials 27 Apr 2021); in Dec 2025 he was in Ashgabat.", [HANKYUNG_KAZAKHSTAN, VESTIABAD_TM]),
    ("ET", "Addis Ababa"): ("Ambassador Sim Dong Guk met Ethiopia's state minister for foreign affairs on 1 Jan 2021.", [HANKYUNG_ADDIS]),
    ("SE", "Stockholm"): ("Ri Won Guk, ambassador from 2018 and also accredited to Latvia (where he received a protest on 25 Nov 2024), returned home in 2025 after seven years, NK News reported.", [RFA_LATVIA, NEWS1_LESOTHO]),
})

# A name that carried the sources' disagreement inside it: the person is the
# name most sources give; the mission's `uncertain` names the other one.
HEAD_NAME_FIXES = {"Jo Yong Man (Kathmandu Post: Kim Yong Su)": "Jo Yong Man"}

# Who covers whom, as the relation records' sources say it.
# The DPRK side: the mission whose head is accredited to the country (merged into
# the mission's `accredited_to`; the relation record cites the report).
ACCREDITED_FROM_RELATIONS = {
    ("SE", "Stockholm"): ["DK", "FI", "NO", "IS", "BE", "NL", "LV", "LT"],
    ("BG", "Sofia"): ["MK", "TR"],
    ("IT", "Rome"): ["GR"],
    ("GB", "London"): ["IE"],
    ("CH", "Bern"): ["LI"],
    ("AT", "Vienna"): ["SI"],
    ("KW", "Kuwait City"): ["QA", "BH", "AE"],
    ("ET", "Addis Ababa"): ["SS"],
    ("NG", "Abuja"): ["TG"],
    ("ZA", "Pretoria"): ["ZM"],
    ("SY", "Damascus"): ["LB"],
    ("TH", "Bangkok"): ["PH"],
    ("US", "New York"): ["CA"],
}
# The other side: the city of the mission from which the country covers the DPRK.
COVERS_DPRK_FROM = {
    **{iso2: "Pyongyang" for iso2 in ["BR", "CN", "CU", "EG", "IN", "IR", "KH", "MN", "PK", "SY", "VN", "SE", "PL", "NG", "VE",
                                             "RU", "LA", "PS", "RO", "NI"]},
    **{iso2: "Beijing" for iso2 in ["DK", "IS", "IT", "PH", "SL", "CM", "TH", "ZA", "CH", "SG", "CL"]},
    **{iso2: "Seoul" for iso2 in ["FI", "BE", "NL", "NO", "NZ", "TR", "GR", "CA", "AU", "ES"]},
}

# Korean names of mission cities, each as a Korean report spells it
# (Korean-language answers use them; other cities stay in Latin letters).
HANKYUNG_KAMPALA = {"title": "북한, 오랜 우방국 우간다에서 50년 만에 대사관 철수", "publisher": "한국경제 (Hankyung)",
                    "date": "2023-10-25", "url": "https://hankyung.com/amp/202310255366i"}

# Korean names of mission cities live in tools/curated/names_ko.json, each
# with the sentence of a Korean report that writes it (apply_city_names).

# Uganda, from the report that also spells Kampala in Korean.
MORE_RELATIONS += [
    {"iso2": "UG", "established": "1963", "status": "active",
     "notes": "Relations established in 1963, cut in Jan 1964 and resumed in Jul 1972; the DPRK set up its resident embassy in Kampala in Dec 1972. The embassy closed in Oct 2023 and relations continue.",
     "uncertain": None, "sources": [HANKYUNG_KAMPALA]},
]

# How a mission's Sept 2017 status was inferred, as the reference's note
# says it (the same sentence in 31 notes) -> the reason answers show beside
# the status ("Sept 2017: open (inferred: …)"). The sentence leaves the note,
# which then says only what is particular to the mission.
STATUS_2017_BASIS = {
    ("status_2017 inferred: mission is on the ROK MOFA list of Dec 2023/Jan 2024 and no opening "
     "or closure between 2017 and 2023 was found in the sources consulted."):
        "on Seoul's list of Dec 2023, with no opening or closure found between 2017 and 2023",
    "Status in 2017 inferred (ties since the 1970s; no earlier closure found).":
        "ties since the 1970s, with no closure found before 2023",
    "Status in 2017 inferred.": "no closure found before 2023",
}


def status_2017_basis(notes):
    return next((basis for said, basis in STATUS_2017_BASIS.items() if said in (notes or "")), None)


# The reference's notes use its field names and editors' marks ("CONFLICT:");
# users read them, so they are worded plainly here. A conflict the record's
# `uncertain` states is not repeated in the note.
PLAIN_NOTE_PHRASES = [
    # Told by the defection record (defections.json), under one spelling.
    (" Ambassador Hyon Hak Bong was in post when deputy Thae Yong-ho defected in 2016.", ""),
    # "not established" reads as "no relations": the sources leave it unclear.
    ("current status of relations not established from sources used", "the sources read leave the current status of relations unclear"),
    ("CONFLICT: the DRC foreign ministry", "The DRC foreign ministry"),
    (" Status left as unknown.", ""),
    (" CONFLICT on the ambassador's name: NK News, KBS and the Annapurna Express give Jo Yong Man; the Kathmandu Post gives Kim Yong Su.", ""),
    # Expulsion and relation notes whose conflict the record's `uncertain` states.
    ("UNCERTAIN/CONFLICTING: Trend (22 Aug 2016) and Yonhap-based reports describe a DPRK restructuring decision (with Uzbekistan having refused to accept an ambassador); KBS Chinese service says the closure followed a request by the Uzbek government. ", ""),
    ("CONFLICT: NK News gives 1972 (and 1964 for Republic of the Congo); Yonhap gives 1964.", ""),
    (" CONFLICT on cause: Trend and Yonhap reporting cite restructuring of DPRK posts in the CIS (and Uzbek refusal to accept an ambassador); KBS Chinese service says Uzbekistan asked for the closure after the Jan 2016 nuclear test.", ""),
    ("status_2017 is unknown.", "Its status in Sept 2017 is unknown."),
    ("status_latest follows", "Its latest status follows"),
    ("ROK MOFA list", "South Korean foreign ministry's list"),
]


def plain_notes(notes):
    if not notes:
        return notes
    for said in STATUS_2017_BASIS:
        notes = notes.replace(said, "")
    notes = re.sub(r"\s+", " ", notes).strip()
    for raw, plain in PLAIN_NOTE_PHRASES:
        notes = notes.replace(raw, plain)
    assert not re.search(r"CONFLICT|status_", notes), notes
    return notes or None


def same_person(a, b):
    key = lambda s: re.sub(r"[^0-9a-z]", "", s.split("(")[0].lower())
    return key(a) != "" and key(a) == key(b)


def term_start(term):
    return term["from"] or term["reported"] or term["to"] or ""


def add_terms_from_measures(missions, expulsions):
    """Heads of mission the host countries sent away end their term on that
    day: merged into the term a source reported, or added as a term known
    only from the measure. A head reported in post in the month the mission
    closed served until it closed."""
    for e in expulsions:
        if not e["person"] or not (e["role"] or "").startswith("ambassador"):
            continue
        embassy = next((m for m in missions if m["country"] == e["country"] and m["kind"] == "embassy"), None)
        if embassy is None:
            continue
        term = next((t for t in embassy["heads"] if same_person(t["name"], e["person"])), None)
        if term is None:
            term = {"name": e["person"], "title": e["role"], "from": None, "to": None,
                    "reported": None, "ended": None, "sources": []}
            embassy["heads"].append(term)
        term["to"], term["ended"] = e["date"], e["action"]
        term["sources"] += [sid for sid in e["sources"] if sid not in term["sources"]]
    for m in missions:
        for term in m["heads"]:
            at_closure = m["closed"] and term["reported"] and m["closed"][:7] == term["reported"][:7]
            if at_closure and term["to"] is None and term["ended"] is None:
                term["to"], term["ended"] = m["closed"], "mission_closed"
        m["heads"].sort(key=term_start)


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class SourceTable:
    def __init__(self):
        self.by_url = {}
        self.rows = []

    def add(self, src):
        url = src["url"]
        if url in self.by_url:
            return self.by_url[url]
        # A publisher written in another script is named by its Latin part: "한국경제 (Hankyung)".
        name = slug(src["publisher"].split("(")[0])
        if not re.search(r"[a-z]{2}", name):  # "뉴스1 (News1)" leaves only "1"
            name = slug(src["publisher"])
        base = name[:24].strip("-") + "-" + (src["date"] or "nd")
        sid, n = base, 2
        while any(r["id"] == sid for r in self.rows):
            sid, n = f"{base}-{n}", n + 1
        self.rows.append({"id": sid, "title": src["title"], "publisher": src["publisher"], "date": src["date"], "url": url})
        self.by_url[url] = sid
        return sid


# Translations that are also English words or question vocabulary: kept out
# so that "island" or "korea" in a question never names a country.
TRANSLATION_BLOCKLIST = {"island", "korea", "norra", "suede", "kina", "sili", "gana", "lati", "viro", "kena", "gine"}


def is_latin(text):
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def country_translations(c, known):
    """The country's common name in every language of the table, minus the
    spellings already known and short or ambiguous Latin words."""
    seen = {k.lower() for k in known}
    out = []
    for lang in sorted(c["translations"]):
        name = c["translations"][lang]["common"]
        key = name.lower()
        if key in seen:
            continue
        plain = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
        if is_latin(name) and (len(plain.replace(" ", "")) < 4 or plain in TRANSLATION_BLOCKLIST):
            continue
        seen.add(key)
        out.append(name)
    return out


# Curated inputs, each entry written from a page read through the search
# tool's stored copies: tools/curated/defections.json (diplomats who defected)
# and tools/curated/quotes.json (the sentences of a source that support a fact).
CURATED = Path(__file__).resolve().parent / "curated"
DATE_RE = re.compile(r"\d{4}(-\d{2}){0,2}")


# Measures in the reference that the DPRK took against the host, not the
# host against the DPRK: shown as the DPRK's, never as the host's measure.
BY_DPRK = {("MY", "2021-03-19", "relations_severed"): {"by_dprk": True}}


CURATED_MEASURE_QUOTES = []


def curated(name):
    path = CURATED / name
    return json.loads(path.read_text()) if path.exists() else []


def source_of(entry):
    """A source row from a curated entry's url, title, publisher and date."""
    date = entry.get("date")
    return {"title": entry["title"], "publisher": entry["publisher"],
            "date": date if date and DATE_RE.fullmatch(date) else None, "url": entry["url"]}


def curated_defections(sources):
    out = []
    for d in curated("defections.json"):
        rec = {k: d.get(k) for k in ["id", "person", "also_known_as", "korean_name", "post", "mission", "country",
                                      "left", "made_public", "destination", "notes", "uncertain"]}
        rec["also_known_as"] = d.get("also_known_as") or []
        rec["sources"] = list(dict.fromkeys(sources.add(source_of(s)) for s in d["sources"]))
        out.append(rec)
    out.sort(key=lambda r: (r["left"], r["id"]))
    return out


def apply_curated_heads(missions, sources):
    """tools/curated/heads.json gives a mission's whole head-of-mission
    history, oldest first, each term with its sources (and quotes, which
    curated_quotes reads)."""
    by_id = {m["id"]: m for m in missions}
    for entry in curated("heads.json"):
        mission = by_id[entry["mission"]]
        terms = []
        for t in entry["terms"]:
            rec = {k: t.get(k) for k in ["name", "title", "from", "to", "reported", "ended"]}
            if t.get("concurrent_with"):
                rec["concurrent_with"] = t["concurrent_with"]
            rec["sources"] = list(dict.fromkeys(sources.add(source_of(s)) for s in t["sources"]))
            terms.append(rec)
        mission["heads"] = terms


def apply_pyongyang(relations, sources):
    """tools/curated/pyongyang.json: embassies in Pyongyang that left in
    2020-21 and those that came back, each with the report that says so."""
    by_iso = {r["country"]: r for r in relations}
    for e in curated("pyongyang.json"):
        r = by_iso[e["iso2"]]
        COVERS_DPRK_FROM.pop(e["iso2"], None)
        if e["covers_dprk_from"]:
            COVERS_DPRK_FROM[e["iso2"]] = e["covers_dprk_from"]
        r["notes"] = f"{r['notes']} {e['note']}" if r["notes"] else e["note"]
        for q in e["quotes"]:
            sid = sources.add(source_of(q))
            if sid not in r["sources"]:
                r["sources"].append(sid)


def curated_pyongyang_quotes():
    for e in curated("pyongyang.json"):
        for q in e["quotes"]:
            yield {**q, "fact": f"relation:{e['iso2'].lower()}"}


def apply_covers(relations, sources):
    """tools/curated/covers.json: the city from which a country covers the
    DPRK, each with the reports that say so. A city already set (the lists
    above, tools/curated/pyongyang.json) is only ever confirmed, never changed."""
    by_iso = {r["country"]: r for r in relations}
    pyongyang = {e["iso2"] for e in curated("pyongyang.json")}
    for e in curated("covers.json"):
        assert e["iso2"] not in pyongyang, f"{e['iso2']} is in both covers.json and pyongyang.json"
        assert e["covers_dprk_from"] and e["quotes"], e["iso2"]
        earlier = COVERS_DPRK_FROM.get(e["iso2"])
        assert earlier in (None, e["covers_dprk_from"]), f"{e['iso2']}: {earlier} -> {e['covers_dprk_from']}"
        COVERS_DPRK_FROM[e["iso2"]] = e["covers_dprk_from"]
        r = by_iso[e["iso2"]]
        r["notes"] = f"{r['notes']} {e['note']}" if r["notes"] else e["note"]
        for q in e["quotes"]:
            sid = sources.add(source_of(q))
            if sid not in r["sources"]:
                r["sources"].append(sid)


def curated_covers_quotes():
    for e in curated("covers.json"):
        for q in e["quotes"]:
            yield {**q, "fact": f"relation:{e['iso2'].lower()}"}


def apply_mission_notes(missions, sources):
    """tools/curated/mission-notes.json: what the reports on a mission's heads
    add to its notes, and where they disagree (its `uncertain`)."""
    by_id = {m["id"]: m for m in missions}
    for e in curated("mission-notes.json"):
        m = by_id[e["mission"]]
        m["notes"] = f"{m['notes']} {e['note']}" if m["notes"] else e["note"]
        if e.get("uncertain"):
            m["uncertain"] = f"{m['uncertain']} {e['uncertain']}" if m["uncertain"] else e["uncertain"]
        for s in e.get("sources", []) + e["quotes"]:
            sid = sources.add(source_of(s))
            if sid not in m["sources"]:
                m["sources"].append(sid)


def curated_mission_note_quotes():
    for e in curated("mission-notes.json"):
        for q in e["quotes"]:
            yield {**q, "fact": f"mission:{e['mission']}"}


def apply_city_names(missions, sources):
    """Korean names of mission cities: tools/curated/names_ko.json, each with
    the reports that spell it (spellings seen besides it stay in the curated
    file)."""
    cities = {c["city"]: c for c in (curated("names_ko.json") or {}).get("cities", [])}
    known = {m["city"] for m in missions}
    assert set(cities) <= known, f"no mission in {sorted(set(cities) - known)}"
    for m in missions:
        if m["city"] in cities and "city_names" not in m:
            c = cities[m["city"]]
            m["city_names"] = {"ko": {"name": c["korean"],
                                      "sources": list(dict.fromkeys(sources.add(source_of(q)) for q in c["quotes"]))}}


def curated_city_quotes(missions):
    cities = {c["city"]: c for c in (curated("names_ko.json") or {}).get("cities", [])}
    for m in missions:
        for q in cities.get(m["city"], {}).get("quotes", []):
            yield {**q, "fact": f"city:{m['id']}:ko"}


def curated_names(sources, missions, expulsions, defections):
    """tools/curated/names_ko.json: how Korean-language reports write the
    names of the people the data names (heads of mission, people a measure
    concerned, defectors), each with the reports that write it so."""
    people = (curated("names_ko.json") or {}).get("people", [])
    named = {h["name"] for m in missions for h in m["heads"]}
    named |= {e["person"] for e in expulsions if e["person"]}
    named |= {d["person"] for d in defections} | {a for d in defections for a in d["also_known_as"]}
    out = []
    for p in people:
        # A record may add a note to a name ("Jo Yong Man (Kathmandu Post: …)"):
        # the person is the name before it.
        assert any(n == p["latin"] or n.startswith(p["latin"] + " (") for n in named), \
            f"{p['latin']} is named nowhere in the data"
        assert p["korean"] and p["quotes"], p["latin"]
        out.append({"latin": p["latin"], "korean": p["korean"], "dprk_form": p.get("dprk_form"),
                    "variants": p.get("variants") or [],
                    "sources": list(dict.fromkeys(sources.add(source_of(q)) for q in p["quotes"]))})
    # Cities the relations name as where a country covers the DPRK from that
    # are no DPRK mission's city (Pyongyang, Seoul): a place, not a person.
    for c in (curated("names_ko.json") or {}).get("places", []):
        out.append({"latin": c["city"], "korean": c["korean"], "dprk_form": None, "variants": [],
                    "place": True,
                    "sources": list(dict.fromkeys(sources.add(source_of(q)) for q in c["quotes"]))})
    out.sort(key=lambda r: r["latin"])
    assert len({r["latin"] for r in out}) == len(out), "a person twice in names_ko.json"
    return out


def curated_name_quotes():
    curated_ko = curated("names_ko.json") or {}
    for p in curated_ko.get("people", []):
        for q in p["quotes"]:
            yield {**q, "fact": f"name:{p['latin']}"}
    for c in curated_ko.get("places", []):
        for q in c["quotes"]:
            yield {**q, "fact": f"name:{c['city']}"}


def curated_missions(sources):
    """tools/curated/missions.json: missions the reference lacks (embassies
    closed before 2017 that the 1976 measures concern)."""
    out = []
    for m in curated("missions.json"):
        rec = {k: v for k, v in m.items() if k not in ("quotes", "sources")}
        rec["sources"] = [sources.add(source_of(s)) for s in m["sources"]]
        out.append(rec)
    return out


def curated_mission_quotes():
    for m in curated("missions.json"):
        for q in m.get("quotes", []):
            yield {**q, "fact": f"mission:{m['id']}"}


def curated_defection_quotes():
    for d in curated("defections.json"):
        for q in d.get("quotes", []):
            yield {**q, "fact": f"defection:{d['id']}"}


def curated_head_quotes():
    for entry in curated("heads.json"):
        for t in entry["terms"]:
            for q in t.get("quotes", []):
                yield {**q, "fact": f"head:{entry['mission']}:{t['name']}"}


def curated_quotes(sources, missions, expulsions, relations, defections, names):
    """Each quote cites a source its fact's record cites: a source first found
    for the quote joins the record's sources."""
    records = {f"relation:{r['id']}": r for r in relations}
    records.update({f"city:{m['id']}:{lang}": local for m in missions for lang, local in m.get("city_names", {}).items()})
    records.update({f"name:{n['latin']}": n for n in names})
    records.update({f"mission:{m['id']}": m for m in missions})
    records.update({f"head:{m['id']}:{h['name']}": h for m in missions for h in m["heads"]})
    records.update({f"measure:{e['id']}": e for e in expulsions})
    records.update({f"defection:{d['id']}": d for d in defections})
    out = []
    session_quotes = [q for path in sorted(CURATED.glob("quotes-*.json")) for q in json.loads(path.read_text())]
    for q in list(curated("quotes.json")) + session_quotes + list(curated_head_quotes()) + list(curated_defection_quotes()) \
            + list(curated_pyongyang_quotes()) + CURATED_MEASURE_QUOTES + list(curated_mission_quotes()) \
            + list(curated_covers_quotes()) + list(curated_mission_note_quotes()) + list(curated_city_quotes(missions)) \
            + list(curated_name_quotes()):
        record = records.get(q["fact"])
        assert record is not None, f"no record for quote {q['fact']}"
        sid = sources.add(source_of(q))
        if sid not in record["sources"]:
            record["sources"].append(sid)
        out.append({"fact": q["fact"], "source": sid, "lang": q["lang"], "text": q["text"],
                    "gloss": q.get("gloss") or None})
    return out


def main():
    countries = json.loads((REF / "world-countries/countries.json").read_text())
    name_to_iso = {}
    table = []
    for c in sorted(countries, key=lambda c: c["cca2"]):
        natives = sorted({n["common"] for n in c["name"].get("native", {}).values()})
        aliases = [a for a in c["altSpellings"] if a != c["cca2"]]
        aliases += [c["name"]["official"]] + natives + EXTRA_ALIASES.get(c["cca2"], [])
        seen, uniq = {c["name"]["common"].lower()}, []
        for a in aliases:
            if a.lower() not in seen:
                seen.add(a.lower())
                uniq.append(a)
        kor = c["translations"].get("kor", {}).get("common")
        translations = country_translations(c, [c["name"]["common"]] + uniq + ([kor] if kor else []))
        table.append({
            "iso2": c["cca2"], "iso3": c["cca3"], "numeric": c["ccn3"] or None,
            "name": c["name"]["common"], "aliases": uniq,
            "korean": [kor] if kor else [],
            "translations": translations,
            "capital": c["capital"], "region": c["region"], "subregion": c["subregion"] or None,
            "un_member": c["unMember"],
            "lat": round(c["latlng"][0], 2), "lon": round(c["latlng"][1], 2),
        })
        for n in [c["name"]["common"]] + uniq:
            name_to_iso.setdefault(n.lower(), c["cca2"])

    sources = SourceTable()
    for s in COUNT_SOURCES:
        sources.add(s)

    def iso_of(name):
        return name_to_iso[name.lower()]

    missions = []
    for m in json.loads((REF / "dprk_missions.json").read_text()):
        key = (m["iso2"], m["city"])
        rec = {
            "id": f"{m['iso2'].lower()}-{slug(m['city'])}",
            "country": m["iso2"], "city": m["city"], "kind": m["kind"],
            "status_2017": m["status_2017"],
            "status_2017_inferred": status_2017_basis(m["notes"]) is not None,
            "status_2017_basis": status_2017_basis(m["notes"]),
            "status_latest": m["status_latest"], "status_latest_as_of": m["status_latest_as_of"],
            "opened": MISSION_OPENED.get(key), "closed": m["closed_date"],
            # Heads of mission as terms, oldest first; the reference names one
            # head with the date a source reported them in post.
            "heads": ([{"name": HEAD_NAME_FIXES.get(m["ambassador"], m["ambassador"]), "title": "ambassador", "from": None, "to": None,
                        "reported": m["ambassador_as_of"], "ended": None,
                        "sources": [sources.add(s) for s in m["sources"]]}] if m["ambassador"] else []),
            "accredited_to": [iso_of(n) for n in m["accredited_to"]],
            "lat": m["lat"], "lon": m["lon"], "notes": plain_notes(m["notes"]),
            "uncertain": MISSION_UNCERTAIN.get(key),
            "sources": [sources.add(s) for s in m["sources"]],
        }
        if key in MISSION_STATUS_UPDATES:
            status, as_of, status_sources, note = MISSION_STATUS_UPDATES[key]
            rec["status_latest"], rec["status_latest_as_of"] = status, as_of
            rec["sources"] += [sources.add(s) for s in status_sources]
            rec["notes"] = f"{rec['notes']} {note}" if rec["notes"] else note
        for iso2 in ACCREDITED_FROM_RELATIONS.get(key, []):
            record = next(r for r in ADDED_RELATIONS + MORE_RELATIONS if r["iso2"] == iso2)
            # The relation record cites the report of the accreditation; the
            # mission's own sources stay those about the mission, so another
            # country's answer does not cite this one's report.
            assert record["sources"], iso2
            if iso2 not in rec["accredited_to"]:
                rec["accredited_to"].append(iso2)
        for later, closes in MORE_HEADS.get(key, []):
            cited = [sources.add(x) for x in later["sources"]]
            for earlier in rec["heads"]:
                if earlier["to"] is None and earlier["ended"] is None:
                    how, until = closes
                    earlier["ended"], earlier["to"] = how, until
                    earlier["sources"] += cited
            rec["heads"].append({**later, "sources": cited})
        if key in MORE_HEAD_NOTES:
            note, added = MORE_HEAD_NOTES[key]
            rec["notes"] = f"{rec['notes']} {note}" if rec["notes"] else note
            rec["sources"] += [sources.add(x) for x in added]
        if key == ("UG", "Kampala"):
            # The reports disagree on the embassy that took over: say so, not one of them.
            assert "; Pretoria embassy took over." in rec["notes"]
            rec["notes"] = rec["notes"].replace("; Pretoria embassy took over.", "; the reports disagree on which embassy took over (Pretoria or Malabo).")
            rec["sources"].append(sources.add(HANKYUNG_KAMPALA))
        missions.append(rec)
    missions += curated_missions(sources)

    expulsions = []
    curated_measures = curated("measures.json") or {"overrides": [], "new": []}
    overrides = {tuple(o["match"]): o for o in curated_measures["overrides"]}
    new_measures = curated_measures["new"]
    for e in json.loads((REF / "dprk_expulsions.json").read_text()) + ADDED_EXPULSIONS + new_measures:
        override = overrides.pop((e["iso2"], e["date"], e["action"]), None)
        if override:
            e = {**e, **override["set"], "sources": e["sources"] + override["sources"]}
        rec = {
            "id": f"{e['iso2'].lower()}-{e['date']}-{e['action'].replace('_', '-')}",
            "country": e["iso2"], "date": e["date"], "person": e["person"], "role": e["role"],
            "action": e["action"], **BY_DPRK.get((e["iso2"], e["date"], e["action"]), {}),
            "trigger": e["trigger"], "notes": plain_notes(e["notes"]),
            "uncertain": e.get("uncertain") or EXPULSION_UNCERTAIN.get((e["iso2"], e["date"])),
            "sources": [sources.add(s) for s in e["sources"]],
        }
        if "quotes" in e or override:
            CURATED_MEASURE_QUOTES.extend({**q, "fact": f"measure:{rec['id']}"} for q in (override or e).get("quotes", []))
        expulsions.append(rec)
    assert not overrides, f"measure overrides matched nothing: {list(overrides)}"
    # Oldest first, as the reference lists them (stable for records of one date).
    expulsions.sort(key=lambda r: r["date"])
    add_terms_from_measures(missions, expulsions)
    apply_curated_heads(missions, sources)
    apply_mission_notes(missions, sources)
    apply_city_names(missions, sources)

    relations = []
    for r in json.loads((REF / "dprk_relations.json").read_text()) + ADDED_RELATIONS + MORE_RELATIONS:
        relations.append({
            "id": r["iso2"].lower(), "country": r["iso2"],
            # Dates the sources give only loosely ("early 1970s") stay as text.
            "established": r["established"] if r["established"] and re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["established"]) else None,
            "established_text": r["established"] if r["established"] and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["established"]) else None,
            "status": r["status"], "notes": plain_notes(r["notes"]), "uncertain": r.get("uncertain") or RELATION_UNCERTAIN.get(r["iso2"]),
            "sources": [sources.add(s) for s in r["sources"]],
        })
        if r["iso2"] in RELATION_ADDITIONS:
            note, added = RELATION_ADDITIONS[r["iso2"]]
            relations[-1]["notes"] = f"{relations[-1]['notes']} {note}" if relations[-1]["notes"] else note
            relations[-1]["sources"] += [sources.add(s) for s in added]
        if r["iso2"] in RELATION_ESTABLISHED:
            date, added = RELATION_ESTABLISHED[r["iso2"]]
            relations[-1]["established"] = date
            relations[-1]["established_text"] = None
            relations[-1]["sources"] = [sources.add(s) for s in added] + relations[-1]["sources"]
        relations[-1]["sources"] = list(dict.fromkeys(relations[-1]["sources"]))  # each cited once
    known = {r["country"] for r in relations}
    for iso2 in NEVER_RELATIONS + ENDED_RELATIONS:
        assert iso2 not in known, iso2
        ended = iso2 in ENDED_RELATIONS
        relations.append({
            "id": iso2.lower(), "country": iso2, "established": None,
            "established_text": None,
            "status": "severed" if ended else "none",
            "notes": "Relations once existed and were terminated; these sources give no dates." if ended else None,
            "uncertain": None,
            "sources": [sources.add(SEOUL_MUSINGS), sources.add(KORYO_JOURNAL)],
        })
        if iso2 in LIST_RECORD_UPDATES:
            note, conflict, added = LIST_RECORD_UPDATES[iso2]
            relations[-1]["notes"] = note
            relations[-1]["uncertain"] = conflict
            relations[-1]["sources"] += [sources.add(s) for s in added]
    relations.sort(key=lambda r: r["country"])
    apply_pyongyang(relations, sources)
    apply_covers(relations, sources)
    defections = curated_defections(sources)
    names = curated_names(sources, missions, expulsions, defections)
    quotes = curated_quotes(sources, missions, expulsions, relations, defections, names)
    # A relation's status holds as of its latest dated source (or the day it
    # began, when the latest source announced it in advance); undated sources
    # date nothing.
    source_dates = {row["id"]: row["date"] for row in sources.rows}
    for i, r in enumerate(relations):
        dates = [source_dates[sid] for sid in r["sources"] if source_dates[sid]]
        dates = dates + [r["established"] or ""] if dates else [""]
        ordered = {}
        for key, value in r.items():
            ordered[key] = value
            if key == "status":
                ordered["as_of"] = max(dates) or None
                ordered["covers_dprk_from"] = COVERS_DPRK_FROM.get(r["country"])
        relations[i] = ordered

    sid = {s["url"]: s["id"] for s in sources.rows}
    figures = [
        {"id": "embassies-2017-ncnk", "label": "Countries hosting a DPRK embassy, as the National Committee on North Korea (NCNK) counted them (briefing paper of Aug 2016, cited by Foreign Policy in Sept 2017 and DW in Nov 2017)",
         "value": 47, "as_of": "2017-09", "kind": "embassy", "compare_with_status_at": "2017-09-30",
         "sources": [sid[COUNT_SOURCES[0]["url"]], sid[COUNT_SOURCES[5]["url"]], sid[COUNT_SOURCES[1]["url"]]]},
        {"id": "missions-2023-rok", "label": "DPRK missions abroad before the late-2023 closures, as the ROK counted them (47 embassies, 3 consulates-general, 3 representative missions)",
         "value": 53, "as_of": "2023-10", "kind": None, "compare_with_status_at": None,
         "sources": [sid[COUNT_SOURCES[3]["url"]], sid[COUNT_SOURCES[4]["url"]]]},
        {"id": "missions-2024-rok", "label": "DPRK missions abroad on the ROK foreign ministry's list of Dec 2023 (39 embassies, 2 consulates-general, 3 missions to international organisations)",
         "value": 44, "as_of": "2023-12", "kind": None, "compare_with_status_at": None,
         "sources": [sid["https://kangnamtimes.com/korea/article/68922"], sid["https://koreaherald.com/view.php?ud=20240130000769"]]},
    ]

    OUT.mkdir(exist_ok=True)
    dump = lambda name, obj: (OUT / name).write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n")
    dump("countries.json", table)
    dump("missions.json", missions)
    dump("expulsions.json", expulsions)
    dump("relations.json", relations)
    dump("sources.json", sources.rows)
    dump("figures.json", figures)
    dump("defections.json", defections)
    dump("quotes.json", quotes)
    dump("names.json", names)
    print(f"countries {len(table)}, missions {len(missions)}, expulsions {len(expulsions)}, relations {len(relations)}, "
          f"defections {len(defections)}, quotes {len(quotes)}, sources {len(sources.rows)}, names {len(names)}")


if __name__ == "__main__":
    main()
