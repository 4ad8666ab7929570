// Tauri v2's `image` module in the global window.__TAURI__ (`window.__TAURI__.image`):
// `Image`, a resource the backend holds (app/plugins/image.py), and `transformImage`, as
// @tauri-apps/api 2.x's image module has them.
(() => {
  'use strict';

  const tauri = window.__TAURI__;
  if (!tauri?.core || tauri.image) return;
  const { invoke, Resource } = tauri.core;

  class Image extends Resource {
    static async new(rgba, width, height) {
      return invoke('plugin:image|new', { rgba, width, height }).then((rid) => new Image(rid));
    }

    static async fromBytes(bytes) {
      return invoke('plugin:image|from_bytes', { bytes }).then((rid) => new Image(rid));
    }

    static async fromPath(path) {
      return invoke('plugin:image|from_path', { path }).then((rid) => new Image(rid));
    }

    async rgba() {
      return invoke('plugin:image|rgba', { rid: this.rid }).then((buffer) => new Uint8Array(buffer));
    }

    async size() {
      return invoke('plugin:image|size', { rid: this.rid });
    }
  }

  /** What `setIcon` and the like send for an image: a path or bytes as they are, an Image as
   * its resource id. */
  function transformImage(image) {
    if (image == null) return null;
    return image instanceof Image ? image.rid : image;
  }

  tauri.image = Object.freeze({ Image, transformImage });
})();
