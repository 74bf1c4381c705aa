import { mount } from 'svelte';
import App from '../components/App.svelte';
import './theme.css';

mount(App, { target: document.getElementById('app')! });
