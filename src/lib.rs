//! missionbot: answers questions about the DPRK's diplomatic missions abroad,
//! every answer citing its sources.
//!
//! The core (dataset, countries, answers, render) is pure and needs no
//! network; `interactions` answers Discord's interactions and delivers them
//! through the gateway (serenity) or signed HTTP requests.

pub mod alerts;
pub mod answers;
pub mod cli;
pub mod config;
pub mod corrections;
pub mod countries;
pub mod custom;
pub mod dataset;
pub mod date;
pub mod eval;
pub mod export;
pub mod i18n;
pub mod interactions;
pub mod map;
pub mod moderation;
pub mod query;
pub mod render;
pub mod reply;
pub mod spec;
pub mod text;
