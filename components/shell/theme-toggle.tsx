'use client'

import { MoonIcon, SunIcon } from '@/components/ui/icons'
import { useTheme } from './theme-provider'

export function ThemeToggle() {
  const { theme, toggleTheme } = useTheme()
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label="Dark theme"
      aria-pressed={theme === null ? undefined : theme === 'dark'}
      title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
      onClick={toggleTheme}
      className="inline-flex size-8 cursor-pointer items-center justify-center rounded-md text-muted transition-colors hover:bg-surface-muted hover:text-foreground"
    >
      {/* CSS picks the icon, so the server-rendered button is already right before hydration. */}
      <MoonIcon className="size-4 dark:hidden" />
      <SunIcon className="hidden size-4 dark:block" />
    </button>
  )
}
