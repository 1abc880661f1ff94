//! The header's lecture controls: presenter mode, "copy link", and the sheet of keys.

pub mod copy_link;
pub mod key_sheet;
pub mod presenter_toggle;
pub mod prose_toggle;
pub mod slide_ref;

pub use copy_link::CopyLink;
pub use key_sheet::KeySheet;
pub use presenter_toggle::PresenterToggle;
pub use prose_toggle::ProseToggle;
pub use slide_ref::SlideRef;
