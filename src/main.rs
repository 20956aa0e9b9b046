use std::process::ExitCode;

fn main() -> ExitCode {
    newsdump_ls::cli::main()
}
