#pragma once

namespace mams::config {
struct LogSection;
}

namespace mams::logging {

/// Sends all POCO loggers to the console and/or a rotating file, through an asynchronous
/// channel so that request logging never waits on the disk. Call once at start; call
/// Shutdown() before exit to flush.
void Configure(const config::LogSection& config);
void Shutdown();

/// Logger names used across the node.
inline constexpr char kNodeLogger[] = "mams.node";
inline constexpr char kHttpLogger[] = "mams.http";
inline constexpr char kStorageLogger[] = "mams.storage";

}  // namespace mams::logging
