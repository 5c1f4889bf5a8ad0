// A read-only view of a whole file: memory-mapped when it is a regular file, read into a buffer
// otherwise (pipes, character devices). Private to the text stage.
//
//   MappedFile file;
//   if (auto problem = file.open("news.txt")) { /* *problem says why */ }
//   std::string_view bytes = file.bytes();
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace diplograph::text {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Opens and maps `path`; returns a message (without the path) on failure.
  std::optional<std::string> open(const std::string& path);

  [[nodiscard]] std::string_view bytes() const {
    return m_map != nullptr ? std::string_view(static_cast<const char*>(m_map), m_size)
                            : std::string_view(m_buffer);
  }

 private:
  void* m_map = nullptr;
  std::size_t m_size = 0;
  std::string m_buffer;  // for files that cannot be mapped
};

}  // namespace diplograph::text
