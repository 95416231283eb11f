import { render } from 'preact';
import { App } from './App.tsx';
import '../../components/rules/rules.css';
import './options.css';

render(<App />, document.getElementById('app') as HTMLElement);
