#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the executable ends: `_exit`, not `exit`.
///
/// `exit` runs the C libraries' destructors (GnuTLS, libtasn1, OpenSSL through libcurl) while
/// URLSession's threads may still be inside libcurl: initialising OpenSSL for the start-up
/// `GET /me`, or a request that shutdown cut off. Freeing what such a thread is using crashed the
/// server (signal 11) in 8–18% of the runs whose stdin closed right after the first reply.
/// Nothing is lost by skipping them: everything the server writes (stdout, the stderr log, the
/// console) goes out through unbuffered write(2) calls before this is reached, and nothing is
/// registered with `atexit`.
enum ProcessEnd {
    static func now(_ status: Int32) -> Never {
        _exit(status)
    }
}
