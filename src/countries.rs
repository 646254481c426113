//! Country names: the resolver lives with the data it indexes
//! ([`crate::dataset::resolver`]); this name is kept for its users.

pub use crate::dataset::resolver::*;
