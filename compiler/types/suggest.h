// "Did you mean ...?" for unbound names.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fl::types {

// The candidate closest to `name` by edit distance, if it is close enough
// to be a plausible typo (at most a third of the name's length, at least 1).
std::optional<std::string> closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace fl::types
