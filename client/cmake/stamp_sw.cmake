# Stamps the client shell's version into the service worker: a hash over the
# files it caches, so every deploy that changes them changes sw.js (the browser's
# update check) and the cache name.
# Usage: cmake -DWEB_DIR=<build web dir> -DSOURCE=<web/sw.js> -P stamp_sw.cmake
set(parts "")
foreach(name index.html parta.js parta.wasm manifest.webmanifest icons/icon-192.png icons/icon-512.png icons/maskable-512.png)
  if(EXISTS ${WEB_DIR}/${name})
    file(SHA256 ${WEB_DIR}/${name} h)
    string(APPEND parts "${name}:${h};")
  endif()
endforeach()
string(SHA256 version "${parts}")
string(SUBSTRING ${version} 0 16 version)
file(READ ${SOURCE} text)
string(REPLACE "@PARTA_VERSION@" "${version}" text "${text}")
file(WRITE ${WEB_DIR}/sw.js "${text}")
file(WRITE ${WEB_DIR}/version.txt "${version}\n")
