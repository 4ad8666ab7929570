import { listen } from '@tauri-apps/api/event'
import { invoke } from '@tauri-apps/api/tauri'
import { WebviewWindow } from '@tauri-apps/api/window'

const list = document.querySelector('#notes')
const input = document.querySelector('#text')
const error = document.querySelector('#error')

function show(notes) {
  list.replaceChildren(
    ...notes.map((text, index) => {
      const item = document.createElement('li')
      item.textContent = text
      item.title = 'Click to highlight it in the viewer'
      item.addEventListener('click', () => highlight(index))
      return item
    }),
  )
}

// Every window hears notes-changed, whichever window added the note.
await listen('notes-changed', (event) => show(event.payload))
show(await invoke('list_notes'))

document.querySelector('#add').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    await invoke('add_note', { text: input.value })
    input.value = ''
    error.textContent = ''
  } catch (failure) {
    error.textContent = failure.message // the Python exception's message
  }
})

document.querySelector('#open-viewer').addEventListener('click', () => {
  const open = WebviewWindow.getByLabel('viewer')
  if (open) {
    open.setFocus()
    return
  }
  const viewer = new WebviewWindow('viewer', {
    url: 'viewer.html',
    title: 'Viewer',
    width: 360,
    height: 400,
  })
  viewer.once('tauri://error', (event) => {
    error.textContent = event.payload
  })
})

// To the viewer's own channel: only that window hears it.
function highlight(index) {
  WebviewWindow.getByLabel('viewer')?.emit('highlight', index)
}

window.notesReady = true
