#include "read_xml.hpp"

#include <expat.h>

#include <algorithm>
#include <memory>
#include <string>

#include <fmt/format.h>

namespace diplograph::io::detail {

namespace {

struct Context {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  std::string_view file;
  std::optional<Error> refused;  // set when a callback stopped the parser
};

std::size_t line_of(XML_Parser p) { return static_cast<std::size_t>(XML_GetCurrentLineNumber(p)); }

void refuse(Context& c, std::string message) {
  if (!c.refused)
    c.refused = Error{std::string(c.file), line_of(c.parser), 0, std::move(message)};
  XML_StopParser(c.parser, XML_FALSE);
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& c = *static_cast<Context*>(data);
  c.handler->start(name, XmlAttributes(attributes), line_of(c.parser));
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& c = *static_cast<Context*>(data);
  c.handler->end(name, line_of(c.parser));
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  auto& c = *static_cast<Context*>(data);
  c.handler->text(std::string_view(s, static_cast<std::size_t>(len)));
}

// Any entity declaration is refused: GraphML and GEXF never need one, and refusing them is the
// only sure defence against expansion bombs ("billion laughs") and external entities.
void XMLCALL on_entity(void* data, const XML_Char* name, int is_parameter, const XML_Char*, int,
                       const XML_Char*, const XML_Char* system_id, const XML_Char*,
                       const XML_Char*) {
  auto& c = *static_cast<Context*>(data);
  refuse(c, fmt::format("{}entity declaration '{}' refused: entities are not allowed (they can "
                        "expand without bound or read {})",
                        is_parameter ? "parameter " : "", name,
                        system_id ? fmt::format("the external resource '{}'", system_id)
                                  : std::string("external files")));
}

void XMLCALL on_doctype(void* data, const XML_Char* name, const XML_Char* system_id,
                        const XML_Char*, int) {
  auto& c = *static_cast<Context*>(data);
  if (system_id)
    refuse(c, fmt::format("DOCTYPE '{}' with the external DTD '{}' refused", name, system_id));
}

int XMLCALL on_external(XML_Parser parser, const XML_Char*, const XML_Char*,
                        const XML_Char* system_id, const XML_Char*) {
  auto& c = *static_cast<Context*>(XML_GetUserData(parser));
  if (!c.refused)
    c.refused = Error{std::string(c.file), line_of(parser), 0,
                      fmt::format("external entity '{}' refused", system_id ? system_id : "")};
  return XML_STATUS_ERROR;
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

std::optional<Error> parse_xml(std::string_view text, std::string_view file, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) return Error{std::string(file), 0, 0, "out of memory creating the XML parser"};
  Context c{parser.get(), &handler, file, std::nullopt};
  XML_Parser p = parser.get();
  XML_SetUserData(p, &c);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetEntityDeclHandler(p, on_entity);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  XML_SetExternalEntityRefHandler(p, on_external);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

  if (text.empty()) return Error{std::string(file), 0, 0, "empty file: no XML document"};
  constexpr std::size_t kChunk = std::size_t{1} << 24;
  std::size_t pos = 0;
  while (true) {
    const std::size_t n = std::min(kChunk, text.size() - pos);
    const bool last = pos + n == text.size();
    if (XML_Parse(p, text.data() + pos, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      if (c.refused) return c.refused;
      const XML_Error code = XML_GetErrorCode(p);
      std::string message = fmt::format("malformed XML: {}", XML_ErrorString(code));
      if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN ||
          code == XML_ERROR_UNCLOSED_CDATA_SECTION || code == XML_ERROR_PARTIAL_CHAR)
        message += " (the file is truncated)";
      return Error{std::string(file), line_of(p),
                   static_cast<std::size_t>(XML_GetCurrentByteIndex(p)), std::move(message)};
    }
    if (c.refused) return c.refused;
    pos += n;
    if (last) return std::nullopt;
  }
}

}  // namespace diplograph::io::detail
