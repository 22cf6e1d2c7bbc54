#pragma once

#include <string>

namespace mams::testing {

/// Writes a fresh self-signed certificate for 127.0.0.1 and its private key (PEM), made with
/// OpenSSL in-process so tests need no openssl command.
void WriteSelfSignedCertificate(const std::string& cert_path, const std::string& key_path);

}  // namespace mams::testing
