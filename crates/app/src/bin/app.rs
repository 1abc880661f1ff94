fn main() {
    convlab::app::start();
}
