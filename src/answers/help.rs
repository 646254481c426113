//! `/help`: every command, what it does, and an example.

use crate::reply::Reply;

/// (command, description, example) for every built-in command.
pub const COMMAND_HELP: &[(&str, &str, &str)] = &[
    ("/embassy", "The DPRK's mission(s) in a country: status in 2017 and now, closing date, ambassador, expulsions.", "/embassy country:Spain"),
    ("/expelled", "Countries that expelled DPRK ambassadors or diplomats, cut staff or severed relations; by year, date range (from/to) or region.", "/expelled from:2015 to:2016"),
    ("/missions", "DPRK missions abroad by region, kind and status, now or on a past date; closures in a range.", "/missions region:Africa closed_from:2020"),
    ("/timeline", "One country's story with the DPRK in date order: relations, missions, ambassadors, expulsions, with sources.", "/timeline country:Malaysia"),
    ("/map", "A world or regional map of the missions, coloured by status, on any date.", "/map region:Africa as_of:2017-09-30"),
    ("/ask", "A question in plain words.", "/ask question:When did Mexico expel the North Korean ambassador?"),
    ("/sources", "Every source the data cites, with links.", "/sources"),
    ("/help", "This list.", "/help"),
];

pub fn help() -> Reply {
    let mut reply = Reply::new("missionbot: North Korea's diplomatic missions abroad").with_description(
        "Ask about the DPRK's embassies and other missions, which closed and when, and which countries \
         expelled its diplomats. Every answer cites its sources.",
    );
    for (name, what, example) in COMMAND_HELP {
        reply.push_field(*name, format!("{what}\nExample: `{example}`"), Vec::new());
    }
    reply
}
