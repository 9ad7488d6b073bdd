//! The `textmill` command.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(textmill_cli::main_with(std::env::args_os()))
}
