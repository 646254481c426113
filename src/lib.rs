//! missionbot: answers questions about the DPRK's diplomatic missions abroad,
//! every answer citing its sources.
//!
//! The core (dataset, countries, answers, render) is pure and needs no
//! network; `bot` adapts it to Discord through serenity.

pub mod answers;
pub mod bot;
pub mod cli;
pub mod commands;
pub mod config;
pub mod countries;
pub mod custom;
pub mod dataset;
pub mod eval;
pub mod map;
pub mod moderation;
pub mod query;
pub mod registrar;
pub mod render;
pub mod reply;
pub mod text;
