// The per-format checks behind io::validate_graph_text (validate.hpp).
#pragma once

#include <string_view>

#include "diplograph/io/validate.hpp"

namespace diplograph::io::detail {

void validate_graphml(std::string_view text, std::string_view file, Validation& out);
void validate_gexf(std::string_view text, std::string_view file, Validation& out);
void validate_json(std::string_view text, std::string_view file, Validation& out);
void validate_dot(std::string_view text, std::string_view file, Validation& out);

// CAMEO-coded attribute names ("cameo", "EventCode", "root", ...): their values have leading
// zeros, so they must be declared as strings.
bool is_cameo_attribute(std::string_view name);
// "042", "01": digit strings a numeric type would shorten.
bool has_leading_zero(std::string_view value);

}  // namespace diplograph::io::detail
