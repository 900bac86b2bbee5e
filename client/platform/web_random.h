// Randomness from crypto.getRandomValues, shared by the platform files.
#pragma once

#include <cstddef>

namespace parta::platform {

void random_bytes(unsigned char* out, std::size_t n);
double random_unit();  // uniform in [0, 1)

}  // namespace parta::platform
