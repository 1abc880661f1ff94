pub mod sections;
