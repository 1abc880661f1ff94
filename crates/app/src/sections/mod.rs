pub mod conv;
