//! `convlab` — the Yew web app of the convolution lecture.
//!
//! The shell ([`app`]) owns the header, the language and the URL; each of the five sections
//! ([`sections`]) renders its own page from [`sections::SectionProps`]. All UI text goes through
//! [`i18n::tr`]. The training runs in a Web Worker whose messages are defined in [`worker`].

pub mod app;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod route;
pub mod sections;
pub mod worker;
