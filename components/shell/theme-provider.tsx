'use client'

import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useSyncExternalStore,
} from 'react'
import {
  applyTheme,
  preferredTheme,
  readAppliedTheme,
  readStoredTheme,
  storeTheme,
  subscribeToAppliedTheme,
  subscribeToSystemTheme,
  THEME_STORAGE_KEY,
  type Theme,
} from '@/lib/client/theme'

type ThemeContextValue = {
  /** null while server rendering: only the browser knows the theme. */
  theme: Theme | null
  setTheme: (theme: Theme) => void
  toggleTheme: () => void
}

const ThemeContext = createContext<ThemeContextValue | null>(null)

const serverTheme = () => null

/** Colour transitions would animate every surface at once on a theme switch: suspend them for that frame. */
function withoutTransitions(change: () => void) {
  const style = document.createElement('style')
  style.textContent = '*,*::before,*::after{transition:none!important}'
  document.head.appendChild(style)
  change()
  window.getComputedStyle(document.body).opacity // flush styles before transitions come back
  requestAnimationFrame(() => style.remove())
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  // The class on <html> is the source of truth; React only mirrors it.
  const theme = useSyncExternalStore(subscribeToAppliedTheme, readAppliedTheme, serverTheme)

  useLayoutEffect(() => {
    // Strict Mode's dev remount resets <html> to its JSX attributes, dropping what the inline script set.
    applyTheme(preferredTheme())
    // Follow the OS until the user picks a theme explicitly.
    return subscribeToSystemTheme(() => {
      if (readStoredTheme() === null) applyTheme(preferredTheme())
    })
  }, [])

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === THEME_STORAGE_KEY) applyTheme(preferredTheme())
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const setTheme = useCallback((next: Theme) => {
    storeTheme(next)
    withoutTransitions(() => applyTheme(next))
  }, [])
  const toggleTheme = useCallback(() => setTheme(readAppliedTheme() === 'dark' ? 'light' : 'dark'), [setTheme])
  const value = useMemo(() => ({ theme, setTheme, toggleTheme }), [theme, setTheme, toggleTheme])

  return <ThemeContext value={value}>{children}</ThemeContext>
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext)
  if (!value) throw new Error('useTheme must be used inside <ThemeProvider>')
  return value
}
