//! The `textmill` command.

fn main() -> std::process::ExitCode {
    keep_large_blocks_mapped();
    std::process::ExitCode::from(textmill_cli::main_with(std::env::args_os()))
}

/// Blocks of at least this size are mapped on their own and handed back to the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// glibc raises its mmap threshold to the size of each mapped block freed (up to 32 MB); after
/// that, blocks below it come from the heap, and once freed their memory stays with the process.
/// On a large document (a freed 12 MB input, then vectors grown by doubling) that held 21 MB more
/// at the peak of a 12.7 MB text (`make damaged`, benches/RESULTS.md). A fixed threshold keeps it
/// from rising; news-sized documents allocate below it and run as fast.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn keep_large_blocks_mapped() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_blocks_mapped() {}
