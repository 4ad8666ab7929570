import { listen } from '@tauri-apps/api/event'
import { invoke } from '@tauri-apps/api/tauri'
import { appWindow } from '@tauri-apps/api/window'

const list = document.querySelector('#notes')
let notes = []
let highlighted = null

function show() {
  list.replaceChildren(
    ...notes.map((text, index) => {
      const item = document.createElement('li')
      item.textContent = text
      item.classList.toggle('highlighted', index === highlighted)
      return item
    }),
  )
}

await listen('notes-changed', (event) => {
  notes = event.payload
  show()
})
// appWindow.listen: this window's channel only.
await appWindow.listen('highlight', (event) => {
  highlighted = event.payload
  show()
})
notes = await invoke('list_notes')
show()

window.notesReady = true
