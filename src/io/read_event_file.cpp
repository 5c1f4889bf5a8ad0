// Format detection and the file entry point of the event-file readers: one mmap, no copy.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "diplograph/io/event_files.hpp"

namespace diplograph::io {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view first_line(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
  const auto nl = text.find('\n');
  std::string_view line = text.substr(0, nl);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// Unmaps on every path out.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (m_data) ::munmap(m_data, m_size);
  }
  expected<std::string_view, Error> open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return unexpected(Error{path, 0, 0, fmt::format("cannot open: {}", std::strerror(errno))});
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return unexpected(Error{path, 0, 0, "not a regular file"});
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size == 0) {
      ::close(fd);
      return std::string_view{};
    }
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED)
      return unexpected(Error{path, 0, 0, fmt::format("cannot map: {}", std::strerror(errno))});
    m_data = p;
    ::madvise(m_data, m_size, MADV_SEQUENTIAL);
    return std::string_view(static_cast<const char*>(m_data), m_size);
  }

 private:
  void* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace

std::optional<EventFileFormat> detect_event_file(std::string_view first_bytes) {
  const std::string_view line = first_line(first_bytes);
  if (line.starts_with("Event ID\t") && line.find("\tCAMEO Code") != std::string_view::npos)
    return EventFileFormat::icews;
  // GDELT has no header: the layout most of the first lines have, so that a broken first row
  // is reported as one bad row rather than making the whole file unrecognisable.
  std::size_t v1 = 0;
  std::size_t v2 = 0;
  std::string_view rest = first_bytes;
  if (rest.starts_with(kBom)) rest.remove_prefix(kBom.size());
  for (int seen = 0; seen < 16 && !rest.empty();) {
    const auto nl = rest.find('\n');
    if (nl == std::string_view::npos && seen > 0) break;  // a partial last line says nothing
    const std::string_view l = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (l.empty() || l == "\r") continue;
    ++seen;
    const auto tabs = std::count(l.begin(), l.end(), '\t');
    if (tabs == 60) ++v2;
    if (tabs == 56 || tabs == 57) ++v1;
  }
  if (v2 == 0 && v1 == 0) return std::nullopt;
  return v2 >= v1 ? EventFileFormat::gdelt2 : EventFileFormat::gdelt1;
}

expected<EventFileResult, Error> read_event_text(std::string_view text, std::string_view file,
                                                     const EventFileOptions& options) {
  std::optional<EventFileFormat> format = options.format;
  if (!format) format = detect_event_file(text.substr(0, 1 << 16));
  if (!format) {
    if (first_line(text).empty())
      return unexpected(Error{std::string(file), 0, 0, "empty file: no event rows"});
    const auto line = first_line(text);
    return unexpected(Error{
        std::string(file), 1, 0,
        fmt::format("not a GDELT or ICEWS event file: the first line has {} tab-separated "
                    "columns (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61; ICEWS starts with the "
                    "header row 'Event ID<TAB>Event Date<TAB>...')",
                    std::count(line.begin(), line.end(), '\t') + 1)});
  }
  EventFileOptions resolved = options;
  resolved.format = format;
  if (*format == EventFileFormat::icews) return read_icews(text, file, resolved);
  return read_gdelt(text, file, resolved);
}

expected<EventFileResult, Error> read_event_file(const std::string& path,
                                                      const EventFileOptions& options) {
  MappedFile mapped;
  auto text = mapped.open(path);
  if (!text) return unexpected(text.error());
  return read_event_text(*text, path, options);
}

}  // namespace diplograph::io
