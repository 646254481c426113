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

# Later status snapshots of missions: (status, as of, sources, note).
MISSION_STATUS_UPDATES = {
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

# Later facts about relations: (note to append, sources).
RELATION_ADDITIONS = {
    "SE": ("Sweden resumed the work of its embassy in Pyongyang in Sept 2024, the first Western country to return after the pandemic closures.", [AP_POLAND_SWEDEN]),
    "CH": ("Switzerland's ambassador to the DPRK, Jurg Burri (resident in Beijing), presented his credentials in Pyongyang on 20 Feb 2025.", [KBS_SWISS_ENVOY]),
}

# Heads of mission named after the reference's record (a later source).
AMBASSADOR_UPDATES = {
    ("GB", "London"): ({"name": "Choe Il", "as_of": "2016-11"}, [KOREA_HERALD_CHOE_IL],
                       "Choe Il was named ambassador in Nov 2016 (KCNA), replacing Hyon Hak Bong, recalled after the defection of his deputy Thae Yong Ho."),
    ("BD", "Dhaka"): ({"name": "Pak Song Yop", "as_of": "2023-11"}, [DAILY_STAR_DHAKA, NK_NEWS_DHAKA],
                      "Ambassador Pak Song Yop and three other diplomats left Dhaka on 20 Nov 2023 when the embassy closed."),
}

# Korean names of mission cities, each as a Korean report spells it
# (Korean-language answers use them; other cities stay in Latin letters).
KG_NEWS_MADRID = {"title": "북한, 스페인서도 대사관도 철수…伊대사관이 업무 담당", "publisher": "KG뉴스코리아 (KG News Korea)",
                  "date": "2023-11-01", "url": "https://kgnewskorea.com/news/view.php?bIdx=38825"}
HANKYUNG_KAMPALA = {"title": "북한, 오랜 우방국 우간다에서 50년 만에 대사관 철수", "publisher": "한국경제 (Hankyung)",
                    "date": "2023-10-25", "url": "https://hankyung.com/amp/202310255366i"}
AJU_KUALA_LUMPUR = {"title": "말레이시아, 쿠알라룸푸르 주재 북한 대사관 직원에 48시간 내 철수 명령", "publisher": "아주경제 (Aju News, Yonhap)",
                    "date": "2021-03-19", "url": "https://m.ajunews.com/view/20210319194612006"}
BS_KATHMANDU = {"title": "북한이 카트만두에서 임무를 종료하기로 결정했다", "publisher": "BS Newspaper",
                "date": "2023-11", "url": "https://bsnewspaper.com/%eb%b6%81%ed%95%9c%ec%9d%b4-%ec%b9%b4%ed%8a%b8%eb%a7%8c%eb%91%90%ec%97%90%ec%84%9c-%ec%9e%84%eb%ac%b4%eb%a5%bc-%ec%a2%85%eb%a3%8c%ed%95%98%ea%b8%b0%eb%a1%9c-%ea%b2%b0%ec%a0%95%ed%96%88%eb%8b%a4"}
VIETNAM_VN_DHAKA = {"title": "북한, 대사관 추가 폐쇄 (Korean edition)", "publisher": "Vietnam.vn",
                    "date": "2023-11", "url": "https://www.vietnam.vn/ko/trieu-tien-dong-cua-them-dai-su-quan"}
MEDIAPEN_KINSHASA = {"title": "북한, 방글라데시·콩고 대사관 폐쇄…해외공관 53개에서 46개로", "publisher": "미디어펜 (Mediapen)",
                     "date": "2023-11-29", "url": "http://www.mediapen.com/news/view/875834"}
SBS_HONG_KONG = {"title": "북, 우간다 이어 앙골라 공관도 폐쇄…아프리카에서 연쇄 철수", "publisher": "SBS 뉴스",
                 "date": "2023-10-30", "url": "https://news.sbs.co.kr/news/endPage.do?news_id=N1007402724&srm=comment"}
NOCUT_VLADIVOSTOK = {"title": "북한, 블라디보스톡 총영사관 개관", "publisher": "노컷뉴스 (CBS)",
                     "date": "2017-04", "url": "http://nocutnews.co.kr/show.asp?idx=3523791"}
NEWSPIM_UN_MISSIONS = {"title": "북한, 미국·유럽 유엔기구에 외교관 24명 파견 (유엔 블루북 통계)", "publisher": "뉴스핌 (Newspim, RFA)",
                       "date": "2020-03-17", "url": "https://newspim.com/news/view/20200317000324"}
YONHAP_MOSCOW = {"title": "모스크바 북한대사관 분위기 변화 (연합뉴스 요약)", "publisher": "뉴스픽 (Yonhap)",
                 "date": "2024-10-31", "url": "https://m.newspic.kr/summary.html?cp=w3Hru72p&nid=2024103109105285334&pn=214"}

CITY_NAMES_KO = {
    "Madrid": ("마드리드", KG_NEWS_MADRID),
    "Kampala": ("캄팔라", HANKYUNG_KAMPALA),
    "Kuala Lumpur": ("쿠알라룸푸르", AJU_KUALA_LUMPUR),
    "Kathmandu": ("카트만두", BS_KATHMANDU),
    "New Delhi": ("뉴델리", BS_KATHMANDU),
    "Dhaka": ("다카", VIETNAM_VN_DHAKA),
    "Kinshasa": ("킨샤사", MEDIAPEN_KINSHASA),
    "Hong Kong": ("홍콩", SBS_HONG_KONG),
    "Vladivostok": ("블라디보스토크", NOCUT_VLADIVOSTOK),
    "New York": ("뉴욕", NEWSPIM_UN_MISSIONS),
    "Geneva": ("제네바", NEWSPIM_UN_MISSIONS),
    "Vienna": ("빈", NEWSPIM_UN_MISSIONS),
    "Moscow": ("모스크바", YONHAP_MOSCOW),
}

# The reference's notes use its field names ("status_2017 inferred: ...");
# users read them, so they are worded plainly here (the inference itself is
# kept in `status_2017_inferred`).
PLAIN_NOTE_PHRASES = [
    ("status_2017 inferred: mission is on", "Its Sept 2017 status is inferred: the mission is on"),
    ("status_2017 inferred:", "Its Sept 2017 status is inferred:"),
    ("status_2017 is unknown.", "Its status in Sept 2017 is unknown."),
    ("status_latest follows", "Its latest status follows"),
    ("ROK MOFA list", "South Korean foreign ministry's list"),
]


def plain_notes(notes):
    if not notes:
        return notes
    for raw, plain in PLAIN_NOTE_PHRASES:
        notes = notes.replace(raw, plain)
    return notes


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
        base = slug(src["publisher"].split("(")[0])[:24].strip("-") + "-" + (src["date"] or "nd")
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
            "status_2017_inferred": "status_2017 inferred" in (m["notes"] or ""),
            "status_latest": m["status_latest"], "status_latest_as_of": m["status_latest_as_of"],
            "opened": MISSION_OPENED.get(key), "closed": m["closed_date"],
            "ambassador": ({"name": m["ambassador"], "as_of": m["ambassador_as_of"]} if m["ambassador"] else None),
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
        if key in AMBASSADOR_UPDATES:
            head, head_sources, note = AMBASSADOR_UPDATES[key]
            rec["ambassador"] = head
            rec["sources"] += [sources.add(s) for s in head_sources]
            rec["notes"] = f"{rec['notes']} {note}" if rec["notes"] else note
        if m["city"] in CITY_NAMES_KO:
            name, source = CITY_NAMES_KO[m["city"]]
            rec["city_names"] = {"ko": {"name": name, "sources": [sources.add(source)]}}
        missions.append(rec)

    expulsions = []
    for e in json.loads((REF / "dprk_expulsions.json").read_text()) + ADDED_EXPULSIONS:
        rec = {
            "id": f"{e['iso2'].lower()}-{e['date']}-{e['action'].replace('_', '-')}",
            "country": e["iso2"], "date": e["date"], "person": e["person"], "role": e["role"],
            "action": e["action"], "trigger": e["trigger"], "notes": e["notes"],
            "uncertain": e.get("uncertain") or EXPULSION_UNCERTAIN.get((e["iso2"], e["date"])),
            "sources": [sources.add(s) for s in e["sources"]],
        }
        expulsions.append(rec)
    # Oldest first, as the reference lists them (stable for records of one date).
    expulsions.sort(key=lambda r: r["date"])

    relations = []
    for r in json.loads((REF / "dprk_relations.json").read_text()) + ADDED_RELATIONS:
        relations.append({
            "id": r["iso2"].lower(), "country": r["iso2"],
            # Dates the sources give only loosely ("early 1970s") stay as text.
            "established": r["established"] if r["established"] and re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["established"]) else None,
            "established_text": r["established"] if r["established"] and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", r["established"]) else None,
            "status": r["status"], "notes": r["notes"], "uncertain": r.get("uncertain") or RELATION_UNCERTAIN.get(r["iso2"]),
            "sources": [sources.add(s) for s in r["sources"]],
        })
        if r["iso2"] in RELATION_ADDITIONS:
            note, added = RELATION_ADDITIONS[r["iso2"]]
            relations[-1]["notes"] = f"{relations[-1]['notes']} {note}" if relations[-1]["notes"] else note
            relations[-1]["sources"] += [sources.add(s) for s in added]

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
    print(f"countries {len(table)}, missions {len(missions)}, expulsions {len(expulsions)}, relations {len(relations)}, sources {len(sources.rows)}")


if __name__ == "__main__":
    main()
