fn main() {
    convlab::worker::register();
}
